from django.urls import path

from . import views

app_name = "themabladen"
urlpatterns = [
    path("", views.themablad_list, name="list"),
    path("<slug:slug>/", views.themablad_detail, name="detail"),
]
