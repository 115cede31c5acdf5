"""`deputized publications`: the stored publications, one per line."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandParser

from deputized.archive.selectors import publication_as_dict, publication_list


class Command(BaseCommand):
    help = "List the stored publications (date, slot, kind, rows, sha256, file names)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["jsonl", "table"], default="table")

    def handle(self, *args: object, **options: object) -> None:
        for publication in publication_list().iterator(chunk_size=500):
            item = publication_as_dict(publication)
            if options["format"] == "jsonl":
                self.stdout.write(json.dumps(item, ensure_ascii=False))
            else:
                self.stdout.write(
                    f"{item['date']} {item['slot'] or '-':<3} {item['kind']:<13} "
                    f"{item['rows']:>5}  {str(item['sha256'])[:12]}  "
                    + ", ".join(item["file_names"])  # type: ignore[arg-type]
                )
