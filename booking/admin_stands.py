"""Admin of stands and stand bookings."""
