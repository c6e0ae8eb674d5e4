"""Public consultations: USTR comment dockets and hearings, whose dates are deadlines too."""
