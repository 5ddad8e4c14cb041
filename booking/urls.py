"""HTML routes of stands and interviews."""

from booking.urls_calendar import urlpatterns as calendar_patterns
from booking.urls_interviews import urlpatterns as interview_patterns
from booking.urls_stands import urlpatterns as stand_patterns

app_name = "booking"
urlpatterns = [*stand_patterns, *interview_patterns, *calendar_patterns]
