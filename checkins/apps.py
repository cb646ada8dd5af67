from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "checkins"

    def ready(self):
        from checkins.audited import register_all

        register_all()
