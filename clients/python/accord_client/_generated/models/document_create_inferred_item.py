from enum import StrEnum


class DocumentCreateInferredItem(StrEnum):
    FR_CITATION = "fr_citation"
    PUBLISHED_ON = "published_on"
    SEQUENCE = "sequence"
    TITLE = "title"
    TYPE = "type"
    URL = "url"

    def __str__(self) -> str:
        return str(self.value)
