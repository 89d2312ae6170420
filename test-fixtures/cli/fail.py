def load(config):
    return config["missing"]


load({})
