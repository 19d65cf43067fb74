from django.urls import path

from . import views, views_print

app_name = "themabladen"
urlpatterns = [
    path("", views.themablad_list, name="list"),
    path("<slug:slug>/", views.themablad_detail, name="detail"),
    path("<slug:slug>/afdrukken/", views_print.themablad_print, name="print"),
    path("<slug:slug>/pdf/", views_print.themablad_pdf, name="pdf"),
]
