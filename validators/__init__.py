"""The 2017 guideline of the Chengdu Association for Science and Technology as code."""
