from enum import StrEnum


class DocumentCreateType(StrEnum):
    FACT_SHEET = "fact_sheet"
    FEDERAL_REGISTER_NOTICE = "federal_register_notice"
    ITC_REPORT = "itc_report"
    NEGOTIATING_OBJECTIVES = "negotiating_objectives"
    OTHER = "other"
    PRESS_RELEASE = "press_release"
    STATEMENT_OF_ADMINISTRATIVE_ACTION = "statement_of_administrative_action"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
