"""Page pagination for the API's lists: `page` and `page_size` in, `count` and `pages` out."""

from __future__ import annotations

import math
from typing import Any, Protocol

from deputized.api.schemas import PageQuery


class Pageable(Protocol):
    """What a list gives to be paged (`api.selectors.Lazy`, `stops.selectors.MeasureRows`)."""

    def count(self) -> int: ...

    def page(self, offset: int, size: int) -> list[Any]: ...


def page_of(items: Pageable, query: PageQuery) -> dict[str, Any]:
    count = items.count()
    offset = (query.page - 1) * query.page_size
    return {
        "count": count,
        "page": query.page,
        "page_size": query.page_size,
        "pages": math.ceil(count / query.page_size),
        "items": items.page(offset, query.page_size) if offset < count else [],
    }
