from django.urls import path

from . import views_trainingen as views

app_name = "trainingen"
urlpatterns = [
    path("", views.training_list, name="list"),
    path("nieuw/", views.training_create, name="create"),
    path("<int:pk>/", views.training_detail, name="detail"),
    path("<int:pk>/bewerken/", views.training_edit, name="edit"),
    path("<int:pk>/toevoegen/", views.training_add, name="add"),
    path("<int:pk>/kopieren/", views.training_copy, name="copy"),
    path("<int:pk>/verwijderen/", views.training_delete, name="delete"),
    path("<int:pk>/deellink/", views.share_link, name="share_link"),
    path("<int:pk>/onderdelen/<int:item_pk>/", views.item_action, name="item"),
    path("<int:pk>/<slug:variant>/", views.training_variant, name="variant"),
    path("<int:pk>/<slug:variant>/pdf/", views.training_variant_pdf, name="variant_pdf"),
    path("gedeeld/<str:token>/", views.shared_detail, name="shared"),
    path("gedeeld/<str:token>/<slug:variant>/", views.shared_variant, name="shared_variant"),
    path(
        "gedeeld/<str:token>/<slug:variant>/pdf/",
        views.shared_variant_pdf,
        name="shared_variant_pdf",
    ),
]
