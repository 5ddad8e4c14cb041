"""HTML routes of the core domain."""

from django.contrib.auth import views as auth_views
from django.urls import path

from fair import views
from fair.dashboard import views_chances

app_name = "fair"

urlpatterns = [
    path("", views.home, name="home"),
    path("gode-muligheder/", views_chances.chances_page, name="chances"),
    path("fairs/<slug:slug>/", views.fair_detail, name="fair-detail"),
    path("fairs/<slug:slug>/students/signup/", views.student_signup, name="student-signup"),
    path("fairs/<slug:slug>/companies/signup/", views.company_signup, name="company-signup"),
    path("fairs/<slug:slug>/signup/done/", views.signup_done, name="signup-done"),
    path("login/", views.login_request, name="login"),
    path("login/link/", views.login_link_open, name="login-link-open"),
    path("login/link/<str:token>/", views.login_link, name="login-link"),
    path(
        "login/staff/",
        auth_views.LoginView.as_view(template_name="fair/login_staff.html"),
        name="login-staff",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.me, name="me"),
    path("me/edit/", views.me_edit, name="me-edit"),
]
