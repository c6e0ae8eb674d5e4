"""`trade-agreement` version 1: the negotiation lifecycle of a US trade agreement.

announced -> domestic_procedures -> congressional_notification -> negotiating -> preliminary
-> finalized -> implemented, with suspend/resume and terminate as side exits.
"""

from workflows.definition import PREVIOUS_STATE, TransitionSpec, WorkflowDefinition

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

TRADE_AGREEMENT_V1 = WorkflowDefinition(
    name="trade-agreement",
    version=1,
    states=STATES,
    initial="announced",
    final_states=(TERMINATED,),
    description="The negotiation lifecycle of a trade agreement, from announcement to entry into force.",
    transitions=(
        TransitionSpec("start_domestic_procedures", ("announced",), "domestic_procedures",
                       "Each side begins the procedures it must complete before talks may open."),
        TransitionSpec("notify_congress", ("domestic_procedures",), "congressional_notification",
                       "USTR formally notifies Congress of the intent to negotiate."),
        TransitionSpec("open_negotiations", ("congressional_notification",), "negotiating",
                       "Formal negotiating rounds begin."),
        TransitionSpec("reach_preliminary", ("negotiating",), "preliminary",
                       "An agreement in principle, or a preliminary agreement with some parties."),
        TransitionSpec("reopen", ("preliminary",), "negotiating", "Talks reopen after a preliminary agreement."),
        TransitionSpec("sign", ("preliminary",), "finalized", "The text is signed."),
        TransitionSpec("implement", ("finalized",), "implemented", "The agreement enters into force."),
        TransitionSpec("suspend", tuple(s for s in LIFECYCLE if s != "implemented"), SUSPENDED,
                       "Talks stall; the agreement remembers where it stood."),
        TransitionSpec("resume", (SUSPENDED,), PREVIOUS_STATE, "Talks restart in the state they left."),
        TransitionSpec("terminate", tuple(s for s in STATES if s != TERMINATED), TERMINATED,
                       "Withdrawal or supersession; final."),
    ),
)
