from django.urls import path

from . import views

app_name = "casuistiek"
urlpatterns = [
    path("", views.casus_list, name="list"),
]
