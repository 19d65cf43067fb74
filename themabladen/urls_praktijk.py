from django.urls import path

from . import views_praktijk

app_name = "praktijk"
urlpatterns = [
    path("", views_praktijk.practice_index, name="index"),
    path("<slug:slug>/", views_praktijk.practice_detail, name="detail"),
]
