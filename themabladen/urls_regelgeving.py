from django.urls import path

from . import views

app_name = "regelgeving"
urlpatterns = [
    path("", views.law_list, name="list"),
    path("<slug:key>/", views.law_detail, name="law"),
    path("<slug:key>/artikel-<str:number>/", views.article_detail, name="article"),
]
