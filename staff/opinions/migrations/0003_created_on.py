"""The local day each opinion was sent, for the dashboard to group by in plain SQL."""

from django.db import migrations, models
from django.utils import timezone


def fill_days(apps, schema_editor):
    opinion = apps.get_model("opinions", "Opinion")
    rows = opinion.objects.using(schema_editor.connection.alias).filter(created_on=None)
    for row in rows.iterator():
        row.created_on = timezone.localdate(row.created_at)
        row.save(update_fields=["created_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("opinions", "0002_staff_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="opinion",
            name="created_on",
            field=models.DateField(
                db_index=True, editable=False, null=True, verbose_name="ngày gửi"
            ),
        ),
        migrations.RunPython(fill_days, migrations.RunPython.noop),
    ]
