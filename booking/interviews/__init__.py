"""Interview booking: wishes, interest, availability, slots, the scheduler adapter, publishing."""
