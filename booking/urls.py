"""HTML routes of stands and interviews."""

from booking.calendar.urls import urlpatterns as calendar_patterns
from booking.interviews.urls import urlpatterns as interview_patterns
from booking.stands.urls import urlpatterns as stand_patterns

app_name = "booking"
urlpatterns = [*stand_patterns, *interview_patterns, *calendar_patterns]
