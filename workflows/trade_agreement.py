"""`trade-agreement` version 1: the negotiation lifecycle of a US trade agreement.

announced -> domestic_procedures -> congressional_notification -> negotiating -> preliminary
-> finalized -> implemented, with suspend/resume and terminate as side exits.
"""

from workflows.clocks import EARLIEST, LATEST, Clock
from workflows.definition import PREVIOUS_STATE, SAME_STATE, TransitionSpec, WorkflowDefinition

LIFECYCLE = (
    "announced",
    "domestic_procedures",
    "congressional_notification",
    "negotiating",
    "preliminary",
    "finalized",
    "implemented",
)
SUSPENDED = "suspended"
TERMINATED = "terminated"
STATES = (*LIFECYCLE, SUSPENDED, TERMINATED)

# The WTO RTA-IS status beside each state; a suspended agreement reports the state it left.
RTA_IS_STATUS = {
    **{s: "Early announcement - Under negotiation" for s in LIFECYCLE[:5]},
    "finalized": "Early announcement - Signed",
    "implemented": "In Force",
    TERMINATED: "Inactive",
}

TRADE_AGREEMENT_V1 = WorkflowDefinition(
    name="trade-agreement",
    version=1,
    states=STATES,
    initial="announced",
    final_states=(TERMINATED,),
    description="The negotiation lifecycle of a trade agreement, from announcement to entry into force.",
    rta_is_statuses=tuple(RTA_IS_STATUS.items()),
    transitions=(
        TransitionSpec(
            "start_domestic_procedures",
            ("announced",),
            "domestic_procedures",
            "Each side begins the procedures it must complete before talks may open.",
        ),
        TransitionSpec(
            "notify_congress",
            ("domestic_procedures",),
            "congressional_notification",
            "USTR formally notifies Congress of the intent to negotiate.",
        ),
        TransitionSpec(
            "open_negotiations", ("congressional_notification",), "negotiating", "Formal negotiating rounds begin."
        ),
        TransitionSpec(
            "reach_preliminary",
            ("negotiating",),
            "preliminary",
            "An agreement in principle, or a preliminary agreement with some parties.",
        ),
        TransitionSpec("reopen", ("preliminary",), "negotiating", "Talks reopen after a preliminary agreement."),
        TransitionSpec("sign", ("preliminary",), "finalized", "The text is signed."),
        TransitionSpec("implement", ("finalized",), "implemented", "The agreement enters into force."),
        TransitionSpec(
            "suspend",
            tuple(s for s in LIFECYCLE if s != "implemented"),
            SUSPENDED,
            "Talks stall; the agreement remembers where it stood.",
        ),
        TransitionSpec("resume", (SUSPENDED,), PREVIOUS_STATE, "Talks restart in the state they left."),
        TransitionSpec(
            "terminate", tuple(s for s in STATES if s != TERMINATED), TERMINATED, "Withdrawal or supersession; final."
        ),
    ),
)


# -- version 2: authorities, milestones and statutory clocks ------------------------------------

TPA = "tpa"
SECTION_103A = "section_103a"
EXISTING_FTA = "existing_fta"
OTHER = "other"
AUTHORITIES = (TPA, SECTION_103A, EXISTING_FTA, OTHER)

# Dated events that leave the state unchanged; each may be recorded in any state but the final one.
MILESTONES = {
    "publish_objectives": "USTR publishes the negotiating objectives.",
    "agreement_in_principle": "The parties announce an agreement in principle; may repeat.",
    "notify_intent_to_sign": "The President notifies Congress of the intent to sign (or, under section 103(a), to enter into) the agreement.",
    "publish_text": "USTR publishes the text of the agreement.",
    "trade_remedy_report": "The President reports on trade-remedy law changes to Ways and Means and Finance.",
    "itc_report": "The USITC delivers its report on the agreement's economic effects.",
    "introduce_bill": "The implementing bill is introduced in Congress.",
    "pass_house": "The House passes the implementing bill.",
    "pass_senate": "The Senate passes the implementing bill.",
    "enact": "The implementing bill becomes law.",
    "proclaim": "The President proclaims the agreement's tariff changes (section 103(a), or an existing FTA's implementing act).",
    "sign_protocol": "A protocol amending the signed agreement is signed.",
    "extend_deadline": "A clock's deadline is extended; carries the clock and the number of days.",
}
_OPEN = tuple(s for s in STATES if s != TERMINATED)

CLOCKS = (
    Clock(
        "notice_of_intent_to_negotiate",
        "open_negotiations",
        "notify_congress",
        90,
        EARLIEST,
        "19 U.S.C. 4204(a)(1)(A)",
        "Congress was notified",
        (TPA,),
        "USTR must notify Congress at least 90 calendar days before negotiations start",
    ),
    Clock(
        "negotiating_objectives",
        "open_negotiations",
        "publish_objectives",
        30,
        EARLIEST,
        "19 U.S.C. 4204(a)(1)(D)",
        "the negotiating objectives were published",
        (TPA,),
        "USTR must publish the negotiating objectives at least 30 days before negotiations start",
    ),
    Clock(
        "notice_of_intent_to_sign",
        "sign",
        "notify_intent_to_sign",
        90,
        EARLIEST,
        "19 U.S.C. 4205(a)(1)(A)",
        "the President notified Congress of the intent to sign",
        (TPA,),
        "the President must notify Congress at least 90 calendar days before signing",
    ),
    Clock(
        "text_published",
        "sign",
        "publish_text",
        60,
        EARLIEST,
        "19 U.S.C. 4205(a)(1)(B)",
        "the text was published",
        (TPA,),
        "USTR must publish the text at least 60 days before signing",
    ),
    Clock(
        "implementing_bill_enacted",
        "implement",
        "enact",
        0,
        EARLIEST,
        "19 U.S.C. 4205(a)(1)(F)",
        "the implementing bill was enacted",
        (TPA,),
        "a TPA agreement enters into force only once its implementing bill is law",
    ),
    Clock(
        "itc_report",
        "itc_report",
        "sign",
        105,
        LATEST,
        "19 U.S.C. 4204(c)(2)",
        "the agreement was signed",
        (TPA,),
        "the USITC reports within 105 days after signing, plus any extension",
    ),
    Clock(
        "section_103a_notice",
        "sign",
        "notify_intent_to_sign",
        0,
        EARLIEST,
        "19 U.S.C. 4202(a)(2)",
        "the President notified Congress of the intent to enter the agreement",
        (SECTION_103A,),
        "the President must notify Congress of the intent to enter a section 103(a) agreement (no set number of days)",
    ),
    Clock(
        "section_103a_proclamation",
        "implement",
        "proclaim",
        0,
        EARLIEST,
        "19 U.S.C. 4202(a)(1)(B)",
        "the President proclaimed the tariff changes",
        (SECTION_103A,),
        "a section 103(a) agreement takes effect by proclamation",
    ),
    Clock(
        "fta_consultation_and_layover",
        "implement",
        "sign",
        60,
        EARLIEST,
        "the existing FTA's implementing act, e.g. Pub. L. 112-41 sec. 104 (KORUS)",
        "the changes were signed",
        (EXISTING_FTA,),
        "changes under an existing FTA's implementing act follow its 60-day consultation and layover period",
    ),
    Clock(
        "fta_proclamation",
        "implement",
        "proclaim",
        0,
        EARLIEST,
        "the existing FTA's implementing act, e.g. Pub. L. 112-41 sec. 104 (KORUS)",
        "the President proclaimed the changes",
        (EXISTING_FTA,),
        "changes under an existing FTA's implementing act take effect by proclamation",
    ),
)

TRADE_AGREEMENT_V2 = WorkflowDefinition(
    name="trade-agreement",
    version=2,
    states=STATES,
    initial="announced",
    final_states=(TERMINATED,),
    description=(
        "Version 1's lifecycle, with the path set by the negotiating authority (tpa, section_103a, existing_fta, "
        "other), dated milestones that leave the state unchanged, and statutory clocks (calendar days only)."
    ),
    authorities=AUTHORITIES,
    default_authority=TPA,
    rta_is_statuses=tuple(RTA_IS_STATUS.items()),
    clocks=CLOCKS,
    transitions=(
        *TRADE_AGREEMENT_V1.transitions[:2],  # start_domestic_procedures, notify_congress
        TransitionSpec(
            "open_negotiations", ("congressional_notification",), "negotiating", "Formal negotiating rounds begin."
        ),
        TransitionSpec(
            "open_negotiations",
            ("domestic_procedures",),
            "negotiating",
            "Formal rounds begin without a TPA notice of intent to negotiate.",
            (SECTION_103A, OTHER),
        ),
        TransitionSpec(
            "open_negotiations",
            ("announced",),
            "negotiating",
            "Talks under an existing FTA open straight from the announcement.",
            (EXISTING_FTA,),
        ),
        *(
            t
            for t in TRADE_AGREEMENT_V1.transitions
            if t.event not in ("start_domestic_procedures", "notify_congress", "open_negotiations")
        ),
        *(TransitionSpec(event, _OPEN, SAME_STATE, text) for event, text in MILESTONES.items()),
    ),
)


def rta_is_status(state: str, suspended_from: str | None = None) -> str | None:
    return TRADE_AGREEMENT_V2.rta_status(state, suspended_from)
