"""/en/states/nc/counties/alamance/documents/reporting-resolution/ (and .pdf, .docx); towns under
/en/states/nc/places/<slug>/documents/…, as the site's place pages."""

from django.urls import path

from deputized.documents import views
from deputized.documents.selectors import COUNTY, TOWN

app_name = "documents"

urlpatterns = []
for prefix, place in (("counties", COUNTY), ("places", TOWN)):
    base = f"states/<slug:state>/{prefix}/<slug:slug>/documents/<slug:kind>"
    urlpatterns += [
        path(f"{base}/", views.DocumentPage.as_view(place=place), name=f"{place}"),
        path(
            f"{base}.pdf", views.DocumentFile.as_view(place=place, fmt="pdf"), name=f"{place}-pdf"
        ),
        path(
            f"{base}.docx",
            views.DocumentFile.as_view(place=place, fmt="docx"),
            name=f"{place}-docx",
        ),
    ]
