//! Scores the labelled dev set (../shared/eval/dev) the way its README says.
