import reversion
from django.db import models
from django.db.models import Q

from numbapi.content import ContentModel, SummarisedContentModel, publish_permissions

MARKDOWN_HELP = " Markdown; no raw HTML. Say what to do before explaining why."


@reversion.register()
class Source(ContentModel):
    """An article the content is curated from; every claim cites one or more."""

    title = models.CharField(max_length=200, help_text="The article's title as it gives it.")
    publisher = models.CharField(
        max_length=200, blank=True, help_text="Who published it, where the article names them."
    )
    link = models.URLField(max_length=500, blank=True, help_text="Where to read the article, if known.")
    date = models.DateField(
        null=True, blank=True, help_text="The date the article gives (published or updated)."
    )
    note = models.TextField(
        blank=True,
        help_text="What a reader should know about this source, e.g. that its figures are unreferenced.",
    )

    display_field = "title"

    class Meta(ContentModel.Meta):
        permissions = publish_permissions("source", "sources")
        ordering = ["title", "slug"]

    def __str__(self):
        return self.title


@reversion.register()
class Condition(SummarisedContentModel):
    """Emotional numbness, or a condition the sources set apart from it."""

    name = models.CharField(max_length=120, help_text="The condition's usual name.")
    also_known_as = models.TextField(
        blank=True, help_text="Other names people use for it, one per line (e.g. emotional blunting)."
    )
    description = models.TextField(
        blank=True, help_text="What it is, how it feels and when to get help." + MARKDOWN_HELP
    )
    related_conditions = models.ManyToManyField(
        "self", blank=True, help_text="Conditions people confuse with this one, or that go with it."
    )
    sources = models.ManyToManyField(
        Source, related_name="conditions", blank=True, help_text="The articles this draws on."
    )

    publish_requirements = ("sources",)

    class Meta(SummarisedContentModel.Meta):
        permissions = publish_permissions("condition", "conditions")
        ordering = ["name", "slug"]

    def __str__(self):
        return self.name

    @property
    def aliases(self) -> list[str]:
        return [line.strip() for line in self.also_known_as.splitlines() if line.strip()]


@reversion.register()
class Cause(SummarisedContentModel):
    """Something that can lead to numbness: a mechanism, an experience or a condition."""

    name = models.CharField(max_length=120, help_text="A short name, e.g. Grief.")
    description = models.TextField(
        blank=True, help_text="How it leads to numbness and what helps." + MARKDOWN_HELP
    )
    conditions = models.ManyToManyField(
        Condition, related_name="causes", blank=True, help_text="The conditions it can lead to."
    )
    sources = models.ManyToManyField(
        Source, related_name="causes", blank=True, help_text="The articles this draws on."
    )

    publish_requirements = ("sources",)

    class Meta(SummarisedContentModel.Meta):
        permissions = publish_permissions("cause", "causes")
        ordering = ["name", "slug"]

    def __str__(self):
        return self.name


@reversion.register()
class Symptom(SummarisedContentModel):
    """A way numbness shows: a feeling, a thought pattern, a body sign or a behaviour."""

    class Kind(models.TextChoices):
        EMOTIONAL = "emotional", "Emotional"
        COGNITIVE = "cognitive", "Cognitive"
        PHYSICAL = "physical", "Physical"
        SOCIAL = "social", "Social"
        BEHAVIOURAL = "behavioural", "Behavioural"

    name = models.CharField(max_length=120, help_text="A short name, e.g. Feeling empty.")
    kind = models.CharField(max_length=16, choices=Kind.choices, help_text="Which part of life it shows in.")
    conditions = models.ManyToManyField(
        Condition, related_name="symptoms", blank=True, help_text="The conditions it belongs to."
    )
    sources = models.ManyToManyField(
        Source, related_name="symptoms", blank=True, help_text="The articles this draws on."
    )

    publish_requirements = ("sources",)

    class Meta(SummarisedContentModel.Meta):
        permissions = publish_permissions("symptom", "symptoms")
        ordering = ["name", "slug"]
        constraints = [
            *SummarisedContentModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=["emotional", "cognitive", "physical", "social", "behavioural"]),
                name="conditions_symptom_kind_valid",
            ),
        ]

    def __str__(self):
        return self.name


@reversion.register()
class Resource(ContentModel):
    """A crisis or support line an app shows beside the content."""

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", "Emergency services"
        CRISIS = "crisis", "Crisis line"
        HELPLINE = "helpline", "Helpline"

    name = models.CharField(max_length=120, help_text="The service's name.")
    kind = models.CharField(
        max_length=16,
        choices=Kind.choices,
        help_text="Emergency (immediate danger), crisis (suicidal crisis or distress) or helpline.",
    )
    purpose = models.TextField(help_text="What it is for, in one or two plain sentences.")
    when_to_contact = models.TextField(blank=True, help_text="When someone should call, text or write.")
    phone = models.CharField(max_length=40, blank=True, help_text="Number to call, as people dial it.")
    sms = models.CharField(max_length=40, blank=True, help_text="Number to text, if it takes texts.")
    website = models.URLField(max_length=500, blank=True, help_text="Website or web chat.")
    country = models.CharField(max_length=2, help_text="Where it serves: ISO 3166-1 alpha-2 code, e.g. US.")
    hours = models.CharField(max_length=120, blank=True, help_text="When it answers, e.g. 24/7.")
    conditions = models.ManyToManyField(
        Condition,
        related_name="resources",
        blank=True,
        help_text="Conditions whose screens show this resource.",
    )

    # A condition's detail shows its crisis lines in full.
    shown_whole = True

    class Meta(ContentModel.Meta):
        permissions = publish_permissions("resource", "resources")
        ordering = ["name", "slug"]
        constraints = [
            *ContentModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=["emergency", "crisis", "helpline"]),
                name="conditions_resource_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"), name="conditions_resource_country_code"
            ),
            models.CheckConstraint(
                condition=~(Q(phone="") & Q(sms="") & Q(website="")),
                name="conditions_resource_reachable",
                violation_error_message="Give at least a phone number, a text number or a website.",
            ),
        ]

    def __str__(self):
        return self.name
