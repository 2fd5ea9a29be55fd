"""The pull-request wing: changed files, folder ownership, the verdict and sticky comment, GitHub set-up."""
