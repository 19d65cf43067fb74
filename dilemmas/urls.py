from django.urls import path

from . import views

app_name = "dilemmas"
urlpatterns = [
    path("", views.dilemma_list, name="list"),
    path("<int:pk>/", views.dilemma_detail, name="detail"),
]
