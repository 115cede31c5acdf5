"""/en/campaigns/<slug>/ and its forms; /en/stories/…"""

from django.urls import path

from deputized.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("campaigns/<slug:slug>/", views.CampaignPage.as_view(), name="page"),
    path("campaigns/<slug:slug>/letter/", views.LetterSubmit.as_view(), name="letter"),
    path("campaigns/<slug:slug>/letter.pdf", views.letter_pdf, name="letter_pdf"),
    path("campaigns/<slug:slug>/sign/", views.SignatureSubmit.as_view(), name="sign"),
    path("campaigns/<slug:slug>/call/<slug:office>/", views.call_outcome, name="call"),
    path("campaigns/<slug:slug>/results.csv", views.results_csv, name="results_csv"),
    path("campaigns/letters/<str:token>/", views.LetterConfirm.as_view(), name="letter_confirm"),
    path("stories/new/", views.StoryNew.as_view(), name="story_new"),
    path("stories/photo/<int:pk>.jpg", views.story_photo, name="story_photo"),
    path("stories/private/<str:token>/", views.StoryPrivate.as_view(), name="story_private"),
]
