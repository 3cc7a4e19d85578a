"""The two tables the SQLAlchemy store created, adopted as they are when present (their rows and
GY- references are kept), created otherwise."""

from django.db import migrations, models


class AdoptModel(migrations.CreateModel):
    """CreateModel that leaves an existing table of the same name in place."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.name)
        if model._meta.db_table in schema_editor.connection.introspection.table_names():
            return
        super().database_forwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        AdoptModel(
            name="Opinion",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField()),
                ("text", models.TextField()),
                ("section", models.CharField(max_length=500)),
                ("topic", models.CharField(max_length=500, null=True)),
                ("respondent_group", models.CharField(max_length=50, null=True)),
                ("contact", models.CharField(max_length=200, null=True)),
                ("channel", models.CharField(max_length=50)),
                ("sender_id", models.CharField(max_length=200)),
                ("status", models.CharField(default="new", max_length=20)),
            ],
            options={"db_table": "opinions"},
        ),
        AdoptModel(
            name="Rating",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField()),
                ("vote", models.IntegerField()),
                ("question", models.TextField()),
                ("section", models.CharField(max_length=500)),
                ("passage", models.TextField()),
                ("channel", models.CharField(max_length=50)),
                ("sender_id", models.CharField(max_length=200)),
            ],
            options={"db_table": "ratings"},
        ),
    ]
