from django.urls import path

from . import views

app_name = "uitspraken"
urlpatterns = [
    path("", views.uitspraak_list, name="list"),
    path("<str:ecli>/", views.uitspraak_detail, name="detail"),
]
