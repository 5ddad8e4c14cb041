"""Admin of wishes, slots, schedule runs and interviews."""
