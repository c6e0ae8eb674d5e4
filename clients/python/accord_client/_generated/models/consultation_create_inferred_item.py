from enum import StrEnum


class ConsultationCreateInferredItem(StrEnum):
    COMMENTS_DUE = "comments_due"
    DOCKET_ID = "docket_id"
    FR_CITATION = "fr_citation"
    HEARING_ON = "hearing_on"
    OPENS_ON = "opens_on"
    POST_HEARING_COMMENTS_DUE = "post_hearing_comments_due"
    TITLE = "title"
    URL = "url"

    def __str__(self) -> str:
        return str(self.value)
