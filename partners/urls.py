"""Pages of the mapping register."""

from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.home, name="home"),
    path("partners/students/", views.register_list, name="list"),
    path("partners/students/add/", views.entry_add, name="add"),
    path("partners/students/<int:pk>/", views.person_detail, name="detail"),
    path("partners/import/", views.register_import_page, name="import"),
    path("partners/duplicates/", views.duplicates, name="duplicates"),
    path("partners/duplicates/settle/", views.duplicate_settle, name="duplicate-settle"),
]
