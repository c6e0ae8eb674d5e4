"""Contains all the data models used in inputs/outputs"""

from .agreement_create import AgreementCreate
from .agreement_create_metadata import AgreementCreateMetadata
from .agreement_create_parties_item import AgreementCreatePartiesItem
from .agreement_create_workflow_type_0 import AgreementCreateWorkflowType0
from .agreement_out import AgreementOut
from .agreement_out_metadata import AgreementOutMetadata
from .agreement_update import AgreementUpdate
from .agreement_update_metadata_type_0 import AgreementUpdateMetadataType0
from .available_transition import AvailableTransition
from .available_transitions import AvailableTransitions
from .health import Health
from .invalid_transition_problem import InvalidTransitionProblem
from .page_agreement_out import PageAgreementOut
from .page_transition_out import PageTransitionOut
from .problem import Problem
from .readiness import Readiness
from .transition_create import TransitionCreate
from .transition_out import TransitionOut
from .transition_result import TransitionResult
from .validation_issue import ValidationIssue
from .validation_problem import ValidationProblem
from .version_mismatch_problem import VersionMismatchProblem
from .workflow import Workflow
from .workflow_event import WorkflowEvent
from .workflow_list import WorkflowList
from .workflow_ref import WorkflowRef

__all__ = (
    "AgreementCreate",
    "AgreementCreateMetadata",
    "AgreementCreatePartiesItem",
    "AgreementCreateWorkflowType0",
    "AgreementOut",
    "AgreementOutMetadata",
    "AgreementUpdate",
    "AgreementUpdateMetadataType0",
    "AvailableTransition",
    "AvailableTransitions",
    "Health",
    "InvalidTransitionProblem",
    "PageAgreementOut",
    "PageTransitionOut",
    "Problem",
    "Readiness",
    "TransitionCreate",
    "TransitionOut",
    "TransitionResult",
    "ValidationIssue",
    "ValidationProblem",
    "VersionMismatchProblem",
    "Workflow",
    "WorkflowEvent",
    "WorkflowList",
    "WorkflowRef",
)
