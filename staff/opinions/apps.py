from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "staff.opinions"
    label = "opinions"
    verbose_name = "Góp ý của người dân"
