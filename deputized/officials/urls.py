from django.urls import path

from deputized.officials import views

app_name = "officials"

urlpatterns = [
    path("officials/<slug:key>/correct/", views.CorrectionView.as_view(), name="correct"),
]
