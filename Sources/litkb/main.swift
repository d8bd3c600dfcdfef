print("litkb")
