import LitKBModel
