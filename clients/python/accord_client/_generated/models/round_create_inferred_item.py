from enum import StrEnum


class RoundCreateInferredItem(StrEnum):
    CHAPTERS = "chapters"
    ENDS_ON = "ends_on"
    LOCATION = "location"
    STARTS_ON = "starts_on"
    SUMMARY_URL = "summary_url"

    def __str__(self) -> str:
        return str(self.value)
