"""Write operations of the booking app, one module per part."""
