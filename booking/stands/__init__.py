"""Stand booking: floor plan, booking, waitlist, allowances."""
