"""HELD-OUT set: situations in employees' own words, each with the sheet(s) that answer it.

Written on 2026-12-01 before any tuning of the search (see the commit history), by imagining
an employee with a situation at hand: questions, fragments, typos, police jargon and phone
style. The words were chosen as people say them, not copied from the sheets. Do NOT tune the
thesaurus, the stemming or the ranking on these: tune on own_words_development.py.
A situation counts as found when one of its sheets is among the sheets of the first 3 hits.
Gift questions accept the sheet "Aannemen van geschenken" (text not yet available) or the
sheet whose text discusses gifts ("Omgaan met zakelijke uitnodigingen").
"""

GIFTS = ("aannemen-van-geschenken", "omgaan-met-zakelijke-uitnodigingen")
PRIVATE = ("contacten-in-de-privesfeer",)
SIDE_JOB = ("nevenwerkzaamheden",)
INFORMATION = ("omgaan-met-informatie",)
INVITATIONS = ("omgaan-met-zakelijke-uitnodigingen",)
APPEARANCE = ("representativiteit",)
SOCIAL = ("social-media",)
CLIMATE = ("sociaal-veilig-werkklimaat",)
TRUTHFUL = ("waarheidsgetrouw-opmaken",)
SUPPLIERS = ("zakendoen-met-leveranciers",)

HELDOUT = [
    ("mag ik een cadeaubon van een winkelier houden", GIFTS),
    ("fles wijn gekregen van een burger na een aangifte", GIFTS),
    ("bloemen als bedankje van een slachtoffer", GIFTS),
    ("iemand wil me geld toestoppen", GIFTS),
    ("presentje van een bedrijf aannemen?", GIFTS),
    ("gratis etentje aangeboden door een leverancier", INVITATIONS + SUPPLIERS),
    ("vip kaartjes voor een concert van een firma", INVITATIONS),
    ("reisje naar het buitenland betaald door een bedrijf", INVITATIONS),
    ("seminar in het buitenland op kosten van een leverancier", INVITATIONS),
    ("dronken worden op een netwerkborrel", INVITATIONS + SUPPLIERS),
    ("mijn zwager zit in de drugs", PRIVATE),
    ("ik heb verkering met iemand met een strafblad", PRIVATE),
    ("buurman is een bekende dief, mag ik met hem omgaan", PRIVATE),
    ("lid van een motorclub", PRIVATE),
    ("verliefd op een collega van mijn team", PRIVATE),
    ("omgang met foute vrienden", PRIVATE),
    ("neef is veroordeeld", PRIVATE),
    ("ik wil 's avonds als barman werken", SIDE_JOB),
    ("mag ik naast de politie een eigen bedrijfje", SIDE_JOB),
    ("beveiliger in het weekend", SIDE_JOB),
    ("in de gemeenteraad gaan zitten", SIDE_JOB),
    ("trainer van een jeugdteam, moet ik dat doorgeven", SIDE_JOB),
    ("ziekgemeld maar wel klussen", SIDE_JOB),
    ("extra geld verdienen naast mijn baan", SIDE_JOB),
    ("adres van mijn ex natrekken in de systemen", INFORMATION),
    ("nieuwsgierig naar een bekende nederlander in de politiesystemen", INFORMATION),
    ("kenteken checken voor een vriend", INFORMATION),
    ("papieren met gegevens bij het oud papier", INFORMATION),
    ("usb stick met dossiers kwijt", INFORMATION),
    ("computer niet op slot bij het weggaan", INFORMATION),
    ("over een zaak praten in de trein", INFORMATION),
    ("stukken naar mijn gmail sturen", INFORMATION),
    ("journalist belt over een onderzoek", INFORMATION),
    ("ik zag collega's bij de buren binnengaan en wil weten waarom", INFORMATION),
    ("bsn van mijn kind opzoeken", INFORMATION),
    ("tatoeages op mijn armen zichtbaar", APPEARANCE),
    ("hoofddoek dragen tijdens het werk", APPEARANCE),
    ("mag ik in slippers op kantoor komen", APPEARANCE),
    ("piercing in mijn gezicht", APPEARANCE),
    ("kruisje om mijn nek in uniform", APPEARANCE),
    ("een burger wil dat ik mijn schoenen uittrek", APPEARANCE),
    ("selfie in uniform op insta", SOCIAL),
    ("filmpje van een aanhouding posten", SOCIAL),
    ("politieke mening op twitter als agent", SOCIAL),
    ("onder valse naam online met verdachten chatten", SOCIAL),
    ("wat mag ik over mijn werk op linkedin zetten", SOCIAL),
    ("foto's van verdachten online zetten", SOCIAL),
    ("collega maakt seksistische grappen", CLIMATE),
    ("ik word buitengesloten door mijn team", CLIMATE),
    ("leidinggevende schreeuwt tegen me", CLIMATE),
    ("discriminerende opmerkingen in de kantine", CLIMATE),
    ("ongewenste aanrakingen door een collega", CLIMATE),
    ("bij wie kan ik terecht met een klacht over intimidatie", CLIMATE),
    ("schunnige moppen op de werkvloer", CLIMATE),
    ("pv aanpassen zodat het beter klinkt", TRUTHFUL),
    ("kilometers declareren die ik niet gereden heb", TRUTHFUL),
    ("overuren schrijven die ik niet gemaakt heb", TRUTHFUL),
    ("collega vraagt mij te tekenen voor hem", TRUTHFUL),
    ("bonnetjes van de lunch declareren", TRUTHFUL),
    ("iets weglaten uit een verslag", TRUTHFUL),
    ("offerte vragen bij de zaak van mijn broer", SUPPLIERS),
    ("aanbesteding en een bekende van mij schrijft in", SUPPLIERS),
    ("leverancier biedt korting op een auto", SUPPLIERS + INVITATIONS),
    ("inkopen voor het team zonder andere offertes", SUPPLIERS),
    ("vriendjespolitiek bij inkoop", SUPPLIERS),
    ("nevenfuncite", SIDE_JOB),
    ("declaratis reiskoste", TRUTHFUL),
    ("socail media", SOCIAL),
]
