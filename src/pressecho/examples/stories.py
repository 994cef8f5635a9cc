"""The example corpus's source of truth: invented outlets, events, agency copies and articles.

Everything here is fiction written for pressecho: the outlets and their domains, the events, the
people, firms and associations, and every quotation. Real regions and towns appear only as settings.
Text is written in one canonical spelling („…“, "ß"); :mod:`pressecho.examples.source` turns it into
each outlet's house style when the corpus is rendered.

Design notes for the stages that use the corpus:
- events overlap in time and vocabulary: two storms (hail in the Emmental, a flash flood in the
  Erzgebirge), two court cases (bribery in Zurich, investment fraud in Cottbus) and two rail topics
  (an Alpine freight conference, a train drivers' strike);
- seven agency copies are reused with small edits by two to five outlets; some articles are own
  reporting sharing no copy; one outlet re-posts an updated version of its own article; one runs a
  wire copy almost verbatim;
- people are introduced with appositions and later called by role ("die Bürgermeisterin") or
  surname; two events each have two unrelated people with one surname (Zbinden, Koller);
- quotes are direct, partial, split by their cue, and indirect in the subjunctive with "sagte",
  "so", "laut", "zufolge".
"""

from __future__ import annotations

from pressecho.examples.source import Event, Fig, H, Outlet, P, Q, Story, Take, Wire

OUTLETS: tuple[Outlet, ...] = (
    Outlet(
        id="tagesrauschen",
        name="Tagesrauschen",
        domain="www.tagesrauschen.ch",
        country="CH",
        kind="Swiss news portal for a young readership",
        format="block",
        encoding="utf-8",
        declared_charset=None,
        quote_style="swiss",
        swiss_spelling=True,
    ),
    Outlet(
        id="aareblick",
        name="Der Aareblick",
        domain="www.aareblick.ch",
        country="CH",
        kind="Swiss regional daily (Bern, Solothurn)",
        format="html",
        encoding="utf-8",
        declared_charset="utf-8",
        quote_style="swiss",
        swiss_spelling=True,
    ),
    Outlet(
        id="kranichbote",
        name="Der Kranichbote",
        domain="www.kranichbote.de",
        country="DE",
        kind="German regional daily (Lausitz)",
        format="html",
        encoding="windows-1252",
        declared_charset="ISO-8859-1",
        quote_style="german",
        swiss_spelling=False,
    ),
    Outlet(
        id="murblick",
        name="Murblick",
        domain="murblick.at",
        country="AT",
        kind="Austrian online newspaper (Styria)",
        format="html",
        encoding="utf-8",
        declared_charset="utf-8",
        quote_style="german",
        swiss_spelling=False,
    ),
    Outlet(
        id="nachrichtenwerft",
        name="Nachrichtenwerft",
        domain="nachrichtenwerft.de",
        country="DE",
        kind="German online news site built on agency copy",
        format="wrapped",
        encoding="utf-8",
        declared_charset=None,
        quote_style="english",
        swiss_spelling=False,
    ),
    Outlet(
        id="elbkiesel",
        name="Elbkiesel",
        domain="elbkiesel.de",
        country="DE",
        kind="German regional online magazine (Saxony)",
        format="block",
        encoding="utf-8",
        declared_charset=None,
        quote_style="german",
        swiss_spelling=False,
    ),
)

EVENTS: tuple[Event, ...] = (
    Event(
        "hagel-emmental",
        "Hailstorm damages roofs and crops in the Emmental",
        "Gerbenwil BE, Switzerland",
        "2024-08-19",
    ),
    Event(
        "sturzflut-erzgebirge",
        "Flash flood in the Erzgebirge town of Wolkenhain",
        "Wolkenhain, Saxony, Germany",
        "2024-08-20",
    ),
    Event(
        "bestechung-zuerich",
        "Zurich court convicts a road-office project manager of taking bribes",
        "Zurich, Switzerland",
        "2024-08-20",
    ),
    Event(
        "solarbetrug-cottbus",
        "Investment fraud trial over solar parks that were never built",
        "Cottbus, Brandenburg, Germany",
        "2024-08-21",
    ),
    Event(
        "alpentransit-luzern",
        "Alpine regions sign a declaration on moving freight to rail",
        "Lucerne, Switzerland",
        "2024-08-23",
    ),
    Event(
        "roemerschiff-bodensee",
        "Roman cargo ship found in Lake Constance",
        "Lake Constance off Arbon, Switzerland",
        "2024-08-21",
    ),
    Event(
        "lokfuehrerstreik",
        "Train drivers' strike at a regional rail operator in central Germany",
        "Saxony, Saxony-Anhalt, Thuringia, Germany",
        "2024-08-21",
    ),
)

# ------------------------------------------------------------------------------------ agency copies

WIRES: tuple[Wire, ...] = (
    Wire(
        id="sda-hagel",
        agency="sda",
        credits=("sda",),
        event="hagel-emmental",
        published="2024-08-20T06:20",
        title="Hagelgewitter richtet im Emmental grosse Schäden an",
        paragraphs=(
            P(
                "Ein heftiges Hagelgewitter hat am Montagabend im Emmental und im Oberaargau große Schäden "
                "angerichtet. Hagelkörner mit einem Durchmesser von bis zu fünf Zentimetern durchschlugen Dächer, "
                "zertrümmerten Autoscheiben und vernichteten innerhalb weniger Minuten ganze Gemüsefelder. "
                "Verletzt wurde nach ersten Erkenntnissen niemand."
            ),
            P(
                "Am stärksten traf es die Gemeinde Gerbenwil. Dort zog die Gewitterzelle kurz nach halb sieben "
                "Uhr abends durch und hinterließ eine weiße Landschaft, wie die Polizei am Dienstag mitteilte. Bei "
                "der Einsatzzentrale gingen innerhalb einer Stunde mehr als 300 Notrufe ein, vor allem wegen "
                "überfluteter Keller und beschädigter Dächer.",
                (
                    Q(
                        "Dort zog die Gewitterzelle kurz nach halb sieben Uhr abends durch und hinterließ eine weiße "
                        "Landschaft",
                        "indirect",
                        "Polizei",
                        "mitteilte",
                        "die Polizei",
                    ),
                ),
            ),
            P(
                "„Innerhalb von zehn Minuten war alles weiß. So etwas habe ich in dreißig Jahren nicht erlebt“, "
                "sagte Gemeindepräsident Ueli Zbinden am Dienstagmorgen vor den Medien. Die Feuerwehr sei die "
                "ganze Nacht im Einsatz gewesen, um beschädigte Dächer notdürftig mit Planen abzudecken. Rund 120 "
                "Feuerwehrleute aus der ganzen Region hätten geholfen.",
                (
                    Q(
                        "Innerhalb von zehn Minuten war alles weiß. So etwas habe ich in dreißig Jahren nicht erlebt",
                        "direct",
                        "Ueli Zbinden",
                        "sagte",
                        "Gemeindepräsident Ueli Zbinden",
                    ),
                    Q(
                        "Die Feuerwehr sei die ganze Nacht im Einsatz gewesen, um beschädigte Dächer notdürftig mit "
                        "Planen abzudecken.",
                        "indirect",
                        "Ueli Zbinden",
                    ),
                    Q(
                        "Rund 120 Feuerwehrleute aus der ganzen Region hätten geholfen.",
                        "indirect",
                        "Ueli Zbinden",
                    ),
                ),
            ),
            H("Gemüsebauern verlieren ganze Ernte"),
            P(
                "Besonders hart trifft das Unwetter die Landwirtschaft. Auf vielen Feldern zwischen Gerbenwil und "
                "Hinterried stehen nur noch zerfetzte Stängel. Die Gemüsebäuerin Marianne Zbinden hat ihre gesamte "
                "Ernte an Lauch, Kohl und Salat verloren. „Drei Monate Arbeit sind einfach weg“, sagte sie. Mit dem "
                "Gemeindepräsidenten ist sie nicht verwandt.",
                (Q("Drei Monate Arbeit sind einfach weg", "direct", "Marianne Zbinden", "sagte", "sie"),),
            ),
            P(
                "Wie hoch der Schaden insgesamt ist, lässt sich noch nicht beziffern. Die kantonale "
                "Gebäudeversicherung rechnete am Dienstag mit mehreren tausend Schadenmeldungen. Ihre Fachleute "
                "sollen in den kommenden Tagen in die betroffenen Gemeinden ausrücken."
            ),
            P(
                "Meteorologen hatten bereits am Montagnachmittag vor heftigen Gewittern gewarnt. Die Warnung der "
                "zweithöchsten Stufe galt für weite Teile des Mittellandes. Für die kommenden Tage erwarten die "
                "Fachleute ruhigeres Spätsommerwetter."
            ),
        ),
    ),
    Wire(
        id="dpa-sturzflut",
        agency="dpa",
        credits=("dpa",),
        event="sturzflut-erzgebirge",
        published="2024-08-21T05:10",
        title="Unwetter im Erzgebirge: Sturzflut überrascht Wolkenhain",
        paragraphs=(
            P(
                "Ein schweres Unwetter mit Starkregen hat am Dienstagabend im Erzgebirge mehrere Orte überflutet. "
                "Besonders betroffen war die Kleinstadt Wolkenhain im Erzgebirgskreis, wo der Wolkenbach binnen "
                "kurzer Zeit über die Ufer trat und Straßen in reißende Ströme verwandelte. Rund 80 Menschen "
                "mussten ihre Häuser vorübergehend verlassen, wie das Landratsamt in der Nacht mitteilte.",
                (
                    Q(
                        "Rund 80 Menschen mussten ihre Häuser vorübergehend verlassen",
                        "indirect",
                        "Landratsamt",
                        "mitteilte",
                        "das Landratsamt",
                    ),
                ),
            ),
            P(
                "Innerhalb von zwei Stunden fielen nach Angaben von Meteorologen örtlich mehr als 90 Liter Regen "
                "pro Quadratmeter. Der Pegel des Wolkenbachs stieg um fast zwei Meter. Eine Fußgängerbrücke im "
                "Ortskern wurde weggerissen, zahlreiche Keller liefen voll.",
                (
                    Q(
                        "Innerhalb von zwei Stunden fielen nach Angaben von Meteorologen örtlich mehr als 90 Liter "
                        "Regen pro Quadratmeter.",
                        "indirect",
                        "Meteorologen",
                        "nach Angaben",
                        "Meteorologen",
                    ),
                ),
            ),
            P(
                "„Das Wasser kam so schnell, dass viele Leute nur noch ihre Papiere greifen konnten“, sagte "
                "Bürgermeisterin Katrin Seidel. Die Stadt richtete in der Turnhalle der Oberschule eine "
                "Notunterkunft ein. Die meisten Betroffenen kamen jedoch bei Verwandten und Nachbarn unter.",
                (
                    Q(
                        "Das Wasser kam so schnell, dass viele Leute nur noch ihre Papiere greifen konnten",
                        "direct",
                        "Katrin Seidel",
                        "sagte",
                        "Bürgermeisterin Katrin Seidel",
                    ),
                ),
            ),
            P(
                "Dramatisch wurde es für einen 67 Jahre alten Autofahrer, dessen Wagen in einer Senke von den "
                "Wassermassen erfasst wurde. Feuerwehrleute befreiten den Mann aus dem Fahrzeug. Er kam mit "
                "Unterkühlungen in ein Krankenhaus, wie ein Polizeisprecher sagte. Weitere Verletzte gab es nach "
                "bisherigen Erkenntnissen nicht.",
                (
                    Q(
                        "Er kam mit Unterkühlungen in ein Krankenhaus",
                        "indirect",
                        "Polizeisprecher",
                        "sagte",
                        "ein Polizeisprecher",
                    ),
                ),
            ),
            H("Aufräumarbeiten haben begonnen"),
            P(
                "Am Mittwochmorgen begannen die Aufräumarbeiten. Mehr als 200 Einsatzkräfte von Feuerwehr, "
                "Technischem Hilfswerk und Rotem Kreuz waren im Einsatz. Kreisbrandmeister Uwe Lorenz sprach von "
                "einer „Lage, wie wir sie seit dem Hochwasser 2002 nicht mehr hatten“. Die Schäden dürften nach "
                "ersten Schätzungen in die Millionen gehen.",
                (
                    Q(
                        "Lage, wie wir sie seit dem Hochwasser 2002 nicht mehr hatten",
                        "direct",
                        "Uwe Lorenz",
                        "sprach von",
                        "Kreisbrandmeister Uwe Lorenz",
                    ),
                ),
            ),
            P(
                "Meteorologen warnten vor weiteren Gewittern. Bis Donnerstag könne es in Sachsen und Thüringen "
                "erneut zu Starkregen kommen, hieß es.",
                (
                    Q(
                        "Bis Donnerstag könne es in Sachsen und Thüringen erneut zu Starkregen kommen",
                        "indirect",
                        "Meteorologen",
                        "hieß es",
                    ),
                ),
            ),
        ),
    ),
    Wire(
        id="sda-bestechung",
        agency="sda",
        credits=("sda",),
        event="bestechung-zuerich",
        published="2024-08-20T16:50",
        title="Ex-Projektleiter des Tiefbauamts wegen Bestechung verurteilt",
        paragraphs=(
            P(
                "Ein ehemaliger Projektleiter des Zürcher Tiefbauamts ist wegen passiver Bestechung zu einer "
                "Freiheitsstrafe von drei Jahren verurteilt worden, davon 18 Monate unbedingt. Das Bezirksgericht "
                "Zürich sah es am Dienstag als erwiesen an, dass der 53-Jährige über Jahre Geld von einem "
                "österreichischen Baustofflieferanten angenommen hatte."
            ),
            P(
                "Insgesamt flossen rund 480'000 Franken. Im Gegenzug vergab der Mann Aufträge für Betonteile und "
                "Lärmschutzwände ohne Ausschreibung an die Firma aus Leoben in der Steiermark. Der Kanton wurde "
                "dadurch nach Ansicht des Gerichts um mindestens 1,2 Millionen Franken geschädigt."
            ),
            P(
                "„Sie haben über Jahre ein System der Gefälligkeiten gepflegt“, sagte die vorsitzende Richterin "
                "Monika Stäger bei der Urteilseröffnung. Der Geschäftsführer des Lieferanten, ein 61-jähriger "
                "Österreicher, erhielt wegen Bestechung eine bedingte Freiheitsstrafe von 22 Monaten.",
                (
                    Q(
                        "Sie haben über Jahre ein System der Gefälligkeiten gepflegt",
                        "direct",
                        "Monika Stäger",
                        "sagte",
                        "die vorsitzende Richterin Monika Stäger",
                    ),
                ),
            ),
            P(
                "Die Verteidigung des früheren Projektleiters kündigte an, das Urteil an das Obergericht "
                "weiterzuziehen. Es ist noch nicht rechtskräftig. Die Staatsanwaltschaft hatte für den "
                "Hauptangeklagten vier Jahre Freiheitsstrafe gefordert.",
                (
                    Q(
                        "das Urteil an das Obergericht weiterzuziehen",
                        "indirect",
                        "Verteidigung des früheren Projektleiters",
                        "kündigte an",
                        "Die Verteidigung des früheren Projektleiters",
                    ),
                ),
            ),
            P(
                "Ins Rollen gekommen war der Fall 2022, als eine interne Revision auffällige Preisunterschiede "
                "zwischen vergleichbaren Bauprojekten entdeckte. Das Tiefbauamt hat seither die Regeln für "
                "freihändige Vergaben verschärft."
            ),
        ),
    ),
    Wire(
        id="dpa-solarbetrug",
        agency="dpa",
        credits=("dpa",),
        event="solarbetrug-cottbus",
        published="2024-08-21T13:05",
        title="Prozess um Solarpark-Betrug in Cottbus begonnen",
        paragraphs=(
            P(
                "Vor dem Landgericht Cottbus hat am Mittwoch der Prozess gegen zwei frühere Geschäftsführer eines "
                "Solarpark-Entwicklers begonnen. Die Staatsanwaltschaft wirft den Männern im Alter von 58 und 46 "
                "Jahren gewerbsmäßigen Betrug in mehr als 2300 Fällen vor. Der Schaden soll sich auf rund 31 "
                "Millionen Euro belaufen.",
                (
                    Q(
                        "gewerbsmäßigen Betrug in mehr als 2300 Fällen",
                        "indirect",
                        "Staatsanwaltschaft",
                        "wirft vor",
                        "Die Staatsanwaltschaft",
                    ),
                ),
            ),
            P(
                "Die Angeklagten sollen zwischen 2018 und 2022 über die Firma Lausitzer Sonnenfelder GmbH Anteile "
                "an Solarparks verkauft haben, die nie gebaut wurden. Den Anlegern seien Renditen von bis zu "
                "sieben Prozent im Jahr versprochen worden, heißt es in der Anklage. Mit dem Geld neuer Anleger "
                "seien zum Teil Ausschüttungen an frühere Investoren bezahlt worden.",
                (
                    Q(
                        "Den Anlegern seien Renditen von bis zu sieben Prozent im Jahr versprochen worden",
                        "indirect",
                        "Staatsanwaltschaft",
                        "heißt es",
                        "Anklage",
                    ),
                    Q(
                        "Mit dem Geld neuer Anleger seien zum Teil Ausschüttungen an frühere Investoren bezahlt "
                        "worden.",
                        "indirect",
                        "Staatsanwaltschaft",
                    ),
                ),
            ),
            P(
                "Der ältere der beiden Angeklagten, Frank Dietrich, ließ über seinen Anwalt erklären, er habe "
                "selbst an das Geschäftsmodell geglaubt. „Mein Mandant hat nie jemanden täuschen wollen“, sagte "
                "Verteidiger Jörg Albers. Die Projekte seien an fehlenden Genehmigungen gescheitert, nicht an "
                "bösem Willen. Der zweite Angeklagte äußerte sich zum Auftakt nicht.",
                (
                    Q(
                        "er habe selbst an das Geschäftsmodell geglaubt",
                        "indirect",
                        "Frank Dietrich",
                        "erklären",
                        "Frank Dietrich",
                    ),
                    Q(
                        "Mein Mandant hat nie jemanden täuschen wollen",
                        "direct",
                        "Jörg Albers",
                        "sagte",
                        "Verteidiger Jörg Albers",
                    ),
                    Q(
                        "Die Projekte seien an fehlenden Genehmigungen gescheitert, nicht an bösem Willen.",
                        "indirect",
                        "Jörg Albers",
                    ),
                ),
            ),
            P(
                "Unter den Zuschauern saßen zahlreiche Geschädigte. „Ich habe meine gesamte Altersvorsorge "
                "verloren“, sagte eine 71 Jahre alte Rentnerin aus Senftenberg. Das Gericht hat zunächst 24 "
                "Verhandlungstage angesetzt. Ein Urteil wird nicht vor Dezember erwartet.",
                (
                    Q(
                        "Ich habe meine gesamte Altersvorsorge verloren",
                        "direct",
                        "Rentnerin aus Senftenberg",
                        "sagte",
                        "eine 71 Jahre alte Rentnerin aus Senftenberg",
                    ),
                ),
            ),
        ),
    ),
    Wire(
        id="sda-alpentransit",
        agency="sda",
        credits=("sda",),
        event="alpentransit-luzern",
        published="2024-08-23T11:00",
        title="Alpenregionen wollen mehr Güter auf der Schiene",
        paragraphs=(
            P(
                "Zwölf Regionen aus dem Alpenraum wollen deutlich mehr Güter von der Straße auf die Schiene "
                "verlagern. Die Verkehrsverantwortlichen aus der Schweiz, Österreich, Deutschland und Italien "
                "unterzeichneten am Freitag in Luzern eine gemeinsame Erklärung. Bis 2035 sollen mindestens 60 "
                "Prozent der Güter, die über die Alpen transportiert werden, auf der Bahn fahren."
            ),
            P(
                "Heute liegt dieser Anteil je nach Alpenübergang zwischen einem Viertel und drei Vierteln. Vor "
                "allem auf den östlichen Übergängen rollt nach wie vor der größte Teil der Fracht auf Lastwagen "
                "durch die Täler."
            ),
            P(
                "„Die Lastwagenkolonnen in unseren Tälern sind an der Grenze dessen, was Mensch und Natur "
                "ertragen“, sagte die Urner Regierungsrätin Andrea Gisler, die die Konferenz leitete. Die Luzerner "
                "Erklärung sei ein starkes Signal, auch wenn sie rechtlich nicht bindend sei.",
                (
                    Q(
                        "Die Lastwagenkolonnen in unseren Tälern sind an der Grenze dessen, was Mensch und Natur "
                        "ertragen",
                        "direct",
                        "Andrea Gisler",
                        "sagte",
                        "die Urner Regierungsrätin Andrea Gisler",
                    ),
                    Q(
                        "Die Luzerner Erklärung sei ein starkes Signal, auch wenn sie rechtlich nicht bindend sei.",
                        "indirect",
                        "Andrea Gisler",
                    ),
                ),
            ),
            P(
                "Kern der Vereinbarung ist ein gemeinsames Buchungssystem für Transitfahrten von Lastwagen, das ab "
                "2027 in einer Testphase erprobt werden soll. Zudem wollen die Regionen ihre Terminals für den "
                "kombinierten Verkehr besser aufeinander abstimmen und Güterzüge an den Grenzen schneller "
                "abfertigen."
            ),
            H("Transportgewerbe reagiert skeptisch"),
            P(
                "Vertreter des Transportgewerbes kritisierten die Pläne. Ein Buchungssystem verteuere den "
                "Warentransport und schade vor allem kleinen Betrieben in den Randregionen, sagte ein Sprecher des "
                "Branchenverbands. Solange die Bahn nicht zuverlässiger werde, sei eine Verlagerung in diesem "
                "Umfang unrealistisch.",
                (
                    Q(
                        "Ein Buchungssystem verteuere den Warentransport und schade vor allem kleinen Betrieben in "
                        "den Randregionen",
                        "indirect",
                        "Sprecher des Branchenverbands",
                        "sagte",
                        "ein Sprecher des Branchenverbands",
                    ),
                    Q(
                        "Solange die Bahn nicht zuverlässiger werde, sei eine Verlagerung in diesem Umfang "
                        "unrealistisch.",
                        "indirect",
                        "Sprecher des Branchenverbands",
                    ),
                ),
            ),
            P("Die nächste Konferenz der Alpenregionen findet 2026 in Innsbruck statt."),
        ),
    ),
    Wire(
        id="dpa-roemerschiff",
        agency="dpa",
        credits=("dpa",),
        event="roemerschiff-bodensee",
        published="2024-08-21T12:30",
        title="Forschungstaucher entdecken römisches Frachtschiff im Bodensee",
        paragraphs=(
            P(
                "Im Bodensee haben Forschungstaucher das Wrack eines römischen Frachtschiffs entdeckt. Das rund 17 "
                "Meter lange Boot liegt in etwa neun Metern Tiefe vor dem Thurgauer Ufer zwischen Arbon und "
                "Romanshorn, wie der Bodensee-Forschungsverbund für Unterwasserarchäologie am Mittwoch in Konstanz "
                "mitteilte. Es handle sich um einen der bedeutendsten Funde dieser Art nördlich der Alpen.",
                (
                    Q(
                        "Das rund 17 Meter lange Boot liegt in etwa neun Metern Tiefe vor dem Thurgauer Ufer "
                        "zwischen Arbon und Romanshorn",
                        "indirect",
                        "Bodensee-Forschungsverbund für Unterwasserarchäologie",
                        "mitteilte",
                        "der Bodensee-Forschungsverbund für Unterwasserarchäologie",
                    ),
                    Q(
                        "Es handle sich um einen der bedeutendsten Funde dieser Art nördlich der Alpen.",
                        "indirect",
                        "Bodensee-Forschungsverbund für Unterwasserarchäologie",
                    ),
                ),
            ),
            P(
                "Entdeckt hatten die Taucher das Schiff bereits im vergangenen Herbst, als der Wasserstand des "
                "Sees ungewöhnlich niedrig war. Untersuchungen der Eichenplanken ergaben nun, dass die Bäume für "
                "das Schiff um das Jahr 160 nach Christus gefällt wurden. Das Gebiet gehörte damals zur römischen "
                "Provinz Raetien."
            ),
            P(
                "„Das Schiff ist erstaunlich gut erhalten, weil es fast vollständig im Schlick lag“, sagte die "
                "Projektleiterin Lena Morath. Im Rumpf fanden die Taucher Dutzende Amphoren, Dachziegel und Reste "
                "von Fässern. Die Ladung deute darauf hin, dass das Schiff Wein und Baumaterial über den See "
                "transportierte.",
                (
                    Q(
                        "Das Schiff ist erstaunlich gut erhalten, weil es fast vollständig im Schlick lag",
                        "direct",
                        "Lena Morath",
                        "sagte",
                        "die Projektleiterin Lena Morath",
                    ),
                    Q(
                        "Die Ladung deute darauf hin, dass das Schiff Wein und Baumaterial über den See "
                        "transportierte.",
                        "indirect",
                        "Lena Morath",
                    ),
                ),
            ),
            H("Bergung erst in einigen Jahren"),
            P(
                "Geborgen werden soll das Wrack vorerst nicht. Das Holz würde an der Luft innerhalb weniger Tage "
                "zerfallen, erklärte Morath. Eine Bergung und Konservierung koste mehrere Millionen Euro und müsse "
                "über Jahre vorbereitet werden. Stattdessen wollen die Forscher den Fundort mit einem 3D-Modell "
                "dokumentieren und mit Sensoren überwachen.",
                (
                    Q(
                        "Das Holz würde an der Luft innerhalb weniger Tage zerfallen",
                        "indirect",
                        "Lena Morath",
                        "erklärte",
                        "Morath",
                    ),
                    Q(
                        "Eine Bergung und Konservierung koste mehrere Millionen Euro und müsse über Jahre "
                        "vorbereitet werden.",
                        "indirect",
                        "Lena Morath",
                    ),
                ),
            ),
            P(
                "Die Fundstelle ist für Sporttaucher gesperrt. Der Verbund bittet zudem Bootsfahrer, in dem Gebiet "
                "nicht zu ankern. „Jeder Anker kann in wenigen Sekunden zerstören, was 1800 Jahre überdauert "
                "hat“, sagte der Taucher Tobias Ehrle, der das Wrack als Erster gesehen hatte.",
                (
                    Q(
                        "in dem Gebiet nicht zu ankern",
                        "indirect",
                        "Bodensee-Forschungsverbund für Unterwasserarchäologie",
                        "bittet",
                        "Der Verbund",
                    ),
                    Q(
                        "Jeder Anker kann in wenigen Sekunden zerstören, was 1800 Jahre überdauert hat",
                        "direct",
                        "Tobias Ehrle",
                        "sagte",
                        "der Taucher Tobias Ehrle",
                    ),
                ),
            ),
        ),
    ),
    Wire(
        id="dpa-streik",
        agency="dpa/reuters",
        credits=("dpa", "Reuters"),
        event="lokfuehrerstreik",
        published="2024-08-21T07:05",
        title="Lokführerstreik legt Regionalverkehr lahm",
        paragraphs=(
            P(
                "Ein Streik der Lokführer hat am Mittwochmorgen den Regionalverkehr in weiten Teilen "
                "Mitteldeutschlands lahmgelegt. Die Verkehrsgewerkschaft Schiene (VGS) hatte ihre Mitglieder bei "
                "den Vereinigten Regionalbahnen (VRB) aufgerufen, von 3.00 Uhr an für 72 Stunden die Arbeit "
                "niederzulegen. Betroffen sind Verbindungen in Sachsen, Sachsen-Anhalt und Thüringen."
            ),
            P(
                "Nach Angaben des Unternehmens fielen zunächst rund drei Viertel aller Züge aus. Auf einigen "
                "Strecken setzte die VRB Busse ein, die den Bedarf aber bei weitem nicht decken konnten. Viele "
                "Pendler stiegen auf das Auto um, auf den Autobahnen rund um Leipzig und Dresden bildeten sich "
                "lange Staus.",
                (
                    Q(
                        "Nach Angaben des Unternehmens fielen zunächst rund drei Viertel aller Züge aus.",
                        "indirect",
                        "Vereinigte Regionalbahnen",
                        "Nach Angaben",
                        "des Unternehmens",
                    ),
                ),
            ),
            P(
                "Auch der Güterverkehr ist betroffen. Die Tochtergesellschaft VRB Cargo kündigte an, vorrangig "
                "Züge mit Gefahrgut und Lebensmitteln fahren zu lassen. Zahlreiche Güterzüge Richtung Tschechien "
                "und Österreich blieben dagegen stehen.",
                (
                    Q(
                        "vorrangig Züge mit Gefahrgut und Lebensmitteln fahren zu lassen",
                        "indirect",
                        "VRB Cargo",
                        "kündigte an",
                        "Die Tochtergesellschaft VRB Cargo",
                    ),
                ),
            ),
            H("Streit um die Arbeitszeit"),
            P(
                "Die Gewerkschaft fordert eine Verkürzung der Wochenarbeitszeit von 38 auf 35 Stunden bei vollem "
                "Lohnausgleich sowie eine Zulage für Schichtdienste. „Unsere Kolleginnen und Kollegen fahren seit "
                "Jahren am Limit“, sagte VGS-Chef Bernd Kaltofen. Das Angebot der Arbeitgeber sei „eine "
                "Provokation“.",
                (
                    Q(
                        "Unsere Kolleginnen und Kollegen fahren seit Jahren am Limit",
                        "direct",
                        "Bernd Kaltofen",
                        "sagte",
                        "VGS-Chef Bernd Kaltofen",
                    ),
                    Q("Das Angebot der Arbeitgeber sei „eine Provokation“.", "indirect", "Bernd Kaltofen"),
                    Q("eine Provokation", "direct", "Bernd Kaltofen"),
                ),
            ),
            P(
                "Die VRB wies die Forderungen als unbezahlbar zurück. Personalvorständin Susanne Lindqvist sprach "
                "von einem „völlig unverhältnismäßigen Streik“ kurz nach Schulbeginn. Das Unternehmen habe eine "
                "Erhöhung der Löhne um neun Prozent in zwei Stufen angeboten. Die Gewerkschaft solle an den "
                "Verhandlungstisch zurückkehren.",
                (
                    Q(
                        "völlig unverhältnismäßigen Streik",
                        "direct",
                        "Susanne Lindqvist",
                        "sprach von",
                        "Personalvorständin Susanne Lindqvist",
                    ),
                    Q(
                        "Das Unternehmen habe eine Erhöhung der Löhne um neun Prozent in zwei Stufen angeboten.",
                        "indirect",
                        "Susanne Lindqvist",
                    ),
                    Q(
                        "Die Gewerkschaft solle an den Verhandlungstisch zurückkehren.",
                        "indirect",
                        "Susanne Lindqvist",
                    ),
                ),
            ),
            P(
                "Es ist bereits der dritte Arbeitskampf in der laufenden Tarifrunde. Der Streik soll am "
                "Samstagmorgen um 3.00 Uhr enden."
            ),
        ),
    ),
)

# ------------------------------------------------------------------------------------------ articles

STORIES: tuple[Story, ...] = (
    # ---------------------------------------------------------------- hail in the Emmental (Monday evening)
    Story(
        id="tagesrauschen-hagel",
        outlet="tagesrauschen",
        event="hagel-emmental",
        published="2024-08-20T07:40",
        slug="hagel-im-emmental-innerhalb-von-zehn-minuten-war-alles-weiss-4821",
        title="Hagel im Emmental: „Innerhalb von zehn Minuten war alles weiß“",
        title_alternatives=("Hagelkörner so groß wie Golfbälle: Unwetter verwüstet das Emmental",),
        section=("Schweiz", "Bern"),
        credit_line="(sda)",
        credits=("sda",),
        body=(
            Take(
                "sda-hagel",
                0,
                sub=(("mit einem Durchmesser von bis zu fünf Zentimetern", "so groß wie Golfbälle"),),
            ),
            Take("sda-hagel", 1),
            Take("sda-hagel", 2),
            P(
                "Auf Social Media teilten zahlreiche Userinnen und User Bilder von weiß bedeckten Straßen und "
                "zerbeulten Autos. Ein Video aus Hinterried zeigt, wie Hagelkörner ein Gewächshaus in wenigen "
                "Sekunden durchlöchern. Die Gemeinde bittet Schaulustige, die betroffenen Quartiere zu meiden, damit "
                "die Aufräumarbeiten nicht behindert werden.",
                (
                    Q(
                        "die betroffenen Quartiere zu meiden, damit die Aufräumarbeiten nicht behindert werden",
                        "indirect",
                        "Gemeinde Gerbenwil",
                        "bittet",
                        "Die Gemeinde",
                    ),
                ),
            ),
            Take("sda-hagel", 3),
            Take("sda-hagel", 4),
            Take("sda-hagel", 5),
            Take("sda-hagel", 6),
        ),
        figures=(
            Fig(
                "Hagelkörner bedecken am Montagabend eine Quartierstraße in Gerbenwil.",
                "keystone / andrin gehrig",
                after=2,
                title="Hagel im Emmental",
                count=9,
            ),
        ),
    ),
    Story(
        id="tagesrauschen-hagel-update",
        outlet="tagesrauschen",
        event="hagel-emmental",
        published="2024-08-20T16:05",
        slug="nach-hagel-im-emmental-gebaeudeversicherung-rechnet-mit-4000-schaeden-4821",
        title="Nach Hagel im Emmental: Gebäudeversicherung rechnet mit 4000 Schäden",
        title_alternatives=("Hagel im Emmental: „Innerhalb von zehn Minuten war alles weiß“",),
        section=("Schweiz", "Bern"),
        credit_line="(sda)",
        credits=("sda",),
        updates="tagesrauschen-hagel",
        body=(
            P(
                "Nach dem heftigen Hagelgewitter vom Montagabend rechnet die kantonale Gebäudeversicherung mit rund "
                "4000 Schadenmeldungen aus dem Emmental und dem Oberaargau. Die Schadensumme dürfte sich auf mehr "
                "als 30 Millionen Franken belaufen, wie die Versicherung am Dienstagnachmittag mitteilte.",
                (
                    Q(
                        "Die Schadensumme dürfte sich auf mehr als 30 Millionen Franken belaufen",
                        "indirect",
                        "kantonale Gebäudeversicherung",
                        "mitteilte",
                        "die Versicherung",
                    ),
                ),
            ),
            Take(
                "sda-hagel",
                0,
                sub=(("mit einem Durchmesser von bis zu fünf Zentimetern", "so groß wie Golfbälle"),),
            ),
            Take("sda-hagel", 1),
            Take("sda-hagel", 2),
            P(
                "Auf Social Media teilten zahlreiche Userinnen und User Bilder von weiß bedeckten Straßen und "
                "zerbeulten Autos. Ein Video aus Hinterried zeigt, wie Hagelkörner ein Gewächshaus in wenigen "
                "Sekunden durchlöchern."
            ),
            Take("sda-hagel", 3),
            Take("sda-hagel", 4),
            P(
                "„Wir haben sämtliche verfügbaren Schätzerinnen und Schätzer in die Region geschickt“, sagte "
                "Versicherungssprecher Martin Aebischer. Wer ein beschädigtes Dach habe, solle es fotografieren und "
                "provisorisch abdecken lassen, bevor der nächste Regen komme. Die Meldungen würden nach "
                "Dringlichkeit bearbeitet.",
                (
                    Q(
                        "Wir haben sämtliche verfügbaren Schätzerinnen und Schätzer in die Region geschickt",
                        "direct",
                        "Martin Aebischer",
                        "sagte",
                        "Versicherungssprecher Martin Aebischer",
                    ),
                    Q(
                        "Wer ein beschädigtes Dach habe, solle es fotografieren und provisorisch abdecken lassen, "
                        "bevor der nächste Regen komme.",
                        "indirect",
                        "Martin Aebischer",
                    ),
                    Q("Die Meldungen würden nach Dringlichkeit bearbeitet.", "indirect", "Martin Aebischer"),
                ),
            ),
            Take("sda-hagel", 6),
        ),
        figures=(
            Fig(
                "Hagelkörner bedecken am Montagabend eine Quartierstraße in Gerbenwil.",
                "keystone / andrin gehrig",
                after=3,
                title="Hagel im Emmental",
                count=12,
            ),
        ),
    ),
    Story(
        id="aareblick-hagel",
        outlet="aareblick",
        event="hagel-emmental",
        published="2024-08-20T11:30",
        slug="nach-dem-hagel-raeumt-gerbenwil-auf-ld.2318764",
        title="Nach dem Hagel räumt Gerbenwil auf",
        title_alternatives=("Gerbenwil nach dem Hagel: „Drei Monate Arbeit sind einfach weg“",),
        section=("Region", "Emmental"),
        authors=("Regula Brand",),
        kicker="Unwetter",
        credit_line="(rbr/sda)",
        credits=("sda",),
        body=(
            P(
                "Am Morgen danach knirscht es noch unter den Schuhen. In den Gärten von Gerbenwil liegen Hagelkörner "
                "in schmutzigen Haufen, auf der Dorfstraße sammeln Freiwillige Ziegelscherben in Schubkarren. Das "
                "Hagelgewitter vom Montagabend hat in der Emmentaler Gemeinde kaum ein Dach verschont."
            ),
            P(
                "Gemeindepräsident Ueli Zbinden steht vor dem Schulhaus, dessen Oberlichter zerbrochen sind, und "
                "telefoniert ununterbrochen. „Innerhalb von zehn Minuten war alles weiß“, sagt er zwischen zwei "
                "Anrufen. Der Gemeindepräsident hat die Nacht im Feuerwehrmagazin verbracht. Rund 120 Feuerwehrleute "
                "aus der ganzen Region hätten geholfen, beschädigte Dächer mit Planen abzudecken, sagt Zbinden.",
                (
                    Q("Innerhalb von zehn Minuten war alles weiß", "direct", "Ueli Zbinden", "sagt", "er"),
                    Q(
                        "Rund 120 Feuerwehrleute aus der ganzen Region hätten geholfen, beschädigte Dächer mit Planen "
                        "abzudecken",
                        "indirect",
                        "Ueli Zbinden",
                        "sagt",
                        "Zbinden",
                    ),
                ),
            ),
            H("Die Schule bleibt geschlossen"),
            P(
                "Der Unterricht fällt am Dienstag und am Mittwoch aus, die Kinder der unteren Klassen werden im "
                "Kirchgemeindehaus betreut. Auch der Dorfladen blieb am Morgen geschlossen, weil Wasser durch das "
                "Dach in den Verkaufsraum gelaufen war. Der Gemeindepräsident rechnet damit, dass die Reparaturen "
                "Wochen dauern werden: „Die Dachdecker in der Region sind bis in den Herbst ausgebucht.“",
                (
                    Q(
                        "Die Dachdecker in der Region sind bis in den Herbst ausgebucht.",
                        "direct",
                        "Ueli Zbinden",
                        None,
                        "Der Gemeindepräsident",
                    ),
                ),
            ),
            P(
                "Am Dorfrand, wo die Felder beginnen, sieht es noch schlimmer aus. Marianne Zbinden steht zwischen "
                "Reihen von Lauch, von dem nur zerfetzte Stängel übrig sind. „Drei Monate Arbeit sind einfach "
                "weg“, sagt die Gemüsebäuerin. Mit dem Gemeindepräsidenten ist sie nicht verwandt, Zbinden heißen "
                "in Gerbenwil viele. Ihre Kulturen seien gegen Hagel versichert, sagt sie, aber die Kundschaft ihres "
                "Hofladens müsse sie nun wochenlang vertrösten.",
                (
                    Q(
                        "Drei Monate Arbeit sind einfach weg",
                        "direct",
                        "Marianne Zbinden",
                        "sagt",
                        "die Gemüsebäuerin",
                    ),
                    Q(
                        "Ihre Kulturen seien gegen Hagel versichert",
                        "indirect",
                        "Marianne Zbinden",
                        "sagt",
                        "sie",
                    ),
                    Q(
                        "aber die Kundschaft ihres Hofladens müsse sie nun wochenlang vertrösten.",
                        "indirect",
                        "Marianne Zbinden",
                        "sagt",
                        "sie",
                    ),
                ),
            ),
            P(
                "Stefan Lüthi, Kommandant der Feuerwehr Gerbenwil-Hinterried, zieht eine erste Bilanz: 46 Einsätze "
                "in einer Nacht, kein verletzter Feuerwehrmann. Laut Lüthi war die Lage vor allem gegen 20 Uhr "
                "kritisch, als der Dorfbach die Unterführung beim Bahnhof flutete. Zwei Autos mussten mit einem "
                "Traktor aus dem Wasser gezogen werden.",
                (
                    Q(
                        "war die Lage vor allem gegen 20 Uhr kritisch, als der Dorfbach die Unterführung beim Bahnhof "
                        "flutete",
                        "indirect",
                        "Stefan Lüthi",
                        "Laut",
                        "Lüthi",
                    ),
                ),
            ),
            Take(
                "sda-hagel",
                5,
                sub=(("Wie hoch der Schaden insgesamt ist, lässt sich noch nicht beziffern. ", ""),),
            ),
            P(
                "In Gerbenwil hofft man nun auf trockenes Wetter. Für Samstag hat die Gemeinde alle Einwohnerinnen "
                "und Einwohner zu einem Arbeitseinsatz aufgerufen, um Felder und Bachläufe von Trümmern zu befreien."
            ),
        ),
        figures=(
            Fig(
                "Freiwillige räumen am Dienstagmorgen Ziegelscherben von der Dorfstraße in Gerbenwil.",
                "Regula Brand",
            ),
        ),
    ),
    Story(
        id="murblick-hagel",
        outlet="murblick",
        event="hagel-emmental",
        published="2024-08-20T14:10",
        slug="schweres-hagelunwetter-in-der-schweiz",
        title="Schweres Hagelunwetter in der Schweiz: Dächer durchschlagen, Ernte vernichtet",
        section=("Chronik", "Welt"),
        credit_line="(APA/sda)",
        credits=("APA", "sda"),
        body=(
            Take("sda-hagel", 0),
            Take("sda-hagel", 1, sub=(("die Gemeinde Gerbenwil", "die Gemeinde Gerbenwil im Kanton Bern"),)),
            Take(
                "sda-hagel",
                2,
                sub=(
                    ("Gemeindepräsident Ueli Zbinden", "der Gemeindepräsident (Bürgermeister) Ueli Zbinden"),
                    (" Rund 120 Feuerwehrleute aus der ganzen Region hätten geholfen.", ""),
                ),
            ),
            Take("sda-hagel", 4, sub=((" Mit dem Gemeindepräsidenten ist sie nicht verwandt.", ""),)),
            Take("sda-hagel", 5),
            P(
                "In Österreich blieb es am Montag vergleichsweise ruhig. Die Unwetterwarnungen für Vorarlberg und "
                "Tirol wurden in der Nacht auf Dienstag wieder aufgehoben, größere Schäden wurden nicht gemeldet."
            ),
        ),
        figures=(
            Fig("Von Hagel beschädigtes Gemüsefeld bei Gerbenwil im Emmental.", "APA/Keystone/Livia Ammann"),
        ),
    ),
    # ----------------------------------------------------------- flash flood in the Erzgebirge (Tuesday evening)
    Story(
        id="elbkiesel-sturzflut",
        outlet="elbkiesel",
        event="sturzflut-erzgebirge",
        published="2024-08-21T06:50",
        slug="sturzflut-in-wolkenhain",
        title="Sturzflut in Wolkenhain: „Das Wasser stand plötzlich im Wohnzimmer“",
        section=("Region", "Erzgebirge"),
        authors=("Paul Kretschmar",),
        body=(
            P(
                "Wo am Dienstagnachmittag noch Kinder Eis gegessen haben, liegt am Mittwochmorgen eine graubraune "
                "Schlammschicht. Der Marktplatz von Wolkenhain sieht aus, als hätte jemand einen Kipplaster darüber "
                "entleert. Der sonst so harmlose Wolkenbach hatte sich am Dienstagabend nach einem Wolkenbruch "
                "binnen Minuten in einen reißenden Fluss verwandelt."
            ),
            P(
                "Gisela Hartmann wohnt seit 41 Jahren in der Bachgasse. „Das Wasser stand plötzlich im "
                "Wohnzimmer“, erzählt die Rentnerin. „Ich habe nur noch die Katze und meine Tabletten genommen und "
                "bin zu den Nachbarn hoch.“ Ihr Sohn sei aus Chemnitz gekommen, um beim Ausräumen zu helfen, sagt "
                "sie.",
                (
                    Q(
                        "Das Wasser stand plötzlich im Wohnzimmer",
                        "direct",
                        "Gisela Hartmann",
                        "erzählt",
                        "die Rentnerin",
                    ),
                    Q(
                        "Ich habe nur noch die Katze und meine Tabletten genommen und bin zu den Nachbarn hoch.",
                        "direct",
                        "Gisela Hartmann",
                    ),
                    Q(
                        "Ihr Sohn sei aus Chemnitz gekommen, um beim Ausräumen zu helfen",
                        "indirect",
                        "Gisela Hartmann",
                        "sagt",
                        "sie",
                    ),
                ),
            ),
            H("Bürgermeisterin: „Wir lassen niemanden allein“"),
            P(
                "Bürgermeisterin Katrin Seidel war bis in die frühen Morgenstunden im Krisenstab. Rund 80 Menschen "
                "hätten ihre Häuser verlassen müssen, die meisten seien bei Verwandten untergekommen, so die "
                "Bürgermeisterin. Für die übrigen stellte die Stadt in der Turnhalle der Oberschule Feldbetten auf. "
                "„Wir lassen niemanden allein“, sagte Seidel, „aber wir brauchen jetzt vor allem trockene Keller und "
                "Geduld.“",
                (
                    Q(
                        "Rund 80 Menschen hätten ihre Häuser verlassen müssen, die meisten seien bei Verwandten "
                        "untergekommen",
                        "indirect",
                        "Katrin Seidel",
                        "so",
                        "die Bürgermeisterin",
                    ),
                    Q("Wir lassen niemanden allein", "direct", "Katrin Seidel", "sagte", "Seidel"),
                    Q(
                        "aber wir brauchen jetzt vor allem trockene Keller und Geduld.",
                        "direct",
                        "Katrin Seidel",
                        "sagte",
                        "Seidel",
                    ),
                ),
            ),
            P(
                "Wie groß der Schaden ist, kann in der Stadt noch niemand sagen. Die Fußgängerbrücke am Mühlgraben, "
                "die erst vor drei Jahren saniert worden war, hat der Bach komplett mitgerissen. Kreisbrandmeister "
                "Uwe Lorenz zufolge standen in der Nacht mehr als 200 Helferinnen und Helfer im Einsatz. Der "
                "Kreisbrandmeister lobte besonders die Freiwilligen Feuerwehren aus den Nachbarorten, die schon nach "
                "wenigen Minuten vor Ort gewesen seien.",
                (
                    Q(
                        "standen in der Nacht mehr als 200 Helferinnen und Helfer im Einsatz",
                        "indirect",
                        "Uwe Lorenz",
                        "zufolge",
                        "Kreisbrandmeister Uwe Lorenz",
                    ),
                    Q(
                        "die schon nach wenigen Minuten vor Ort gewesen seien",
                        "indirect",
                        "Uwe Lorenz",
                        "lobte",
                        "Der Kreisbrandmeister",
                    ),
                ),
            ),
            P(
                "Glück im Unglück hatte ein 67-Jähriger aus einem Nachbarort, dessen Auto in der Senke an der "
                "Bahnhofstraße von den Fluten erfasst wurde. Feuerwehrleute zogen ihn durch das Seitenfenster ins "
                "Freie. Laut Polizei wird er im Krankenhaus wegen Unterkühlung behandelt, sein Zustand sei stabil.",
                (
                    Q(
                        "wird er im Krankenhaus wegen Unterkühlung behandelt, sein Zustand sei stabil",
                        "indirect",
                        "Polizei",
                        "Laut",
                        "Polizei",
                    ),
                ),
            ),
            P(
                "Am Mittwoch wollen Stadt und Landkreis entscheiden, ob die Kinder aus den betroffenen Straßen zur "
                "Schule gehen können. Wer helfen möchte, kann sich im Rathaus melden: Gebraucht werden vor allem "
                "Schaufeln, Bautrockner und kräftige Hände."
            ),
        ),
        figures=(
            Fig(
                "Anwohner schaufeln am Mittwochmorgen Schlamm aus einem Hauseingang in der Bachgasse.",
                "Paul Kretschmar",
                after=1,
                count=6,
            ),
        ),
    ),
    Story(
        id="kranichbote-sturzflut",
        outlet="kranichbote",
        event="sturzflut-erzgebirge",
        published="2024-08-21T09:15",
        slug="sturzflut-im-erzgebirge-80-menschen-muessen-haeuser-verlassen_a48213",
        title="Sturzflut im Erzgebirge: 80 Menschen müssen ihre Häuser verlassen",
        section=("Nachrichten", "Sachsen"),
        kicker="Unwetter",
        credit_line="(dpa)",
        credits=("dpa",),
        body=(
            Take("dpa-sturzflut", 0),
            Take(
                "dpa-sturzflut",
                1,
                sub=(
                    (
                        "Eine Fußgängerbrücke im Ortskern wurde weggerissen, zahlreiche Keller liefen voll.",
                        "Eine Fußgängerbrücke im Ortskern wurde weggerissen.",
                    ),
                ),
            ),
            Take(
                "dpa-sturzflut",
                2,
                sub=(("Die meisten Betroffenen kamen jedoch bei Verwandten und Nachbarn unter.", ""),),
            ),
            Take("dpa-sturzflut", 3),
            Take("dpa-sturzflut", 4),
            Take("dpa-sturzflut", 5),
            P(
                "In der Lausitz blieb es in der Nacht dagegen weitgehend ruhig. Die Feuerwehren im Landkreis Bautzen "
                "rückten nur zu einzelnen Einsätzen wegen umgestürzter Bäume und vollgelaufener Unterführungen aus."
            ),
            Take("dpa-sturzflut", 6),
        ),
        figures=(
            Fig(
                "Einsatzkräfte sichern in Wolkenhain die Reste der weggerissenen Fußgängerbrücke.",
                "dpa/Carola Wendisch",
            ),
        ),
    ),
    Story(
        id="nachrichtenwerft-sturzflut",
        outlet="nachrichtenwerft",
        event="sturzflut-erzgebirge",
        published="2024-08-21T08:30",
        slug="unwetter-im-erzgebirge-bach-reisst-bruecke-mit",
        title="Unwetter im Erzgebirge: Bach reißt Brücke mit",
        credit_line="(dpa)",
        credits=("dpa",),
        body=(
            Take("dpa-sturzflut", 0),
            Take("dpa-sturzflut", 1),
            Take(
                "dpa-sturzflut",
                2,
                sub=(("Bürgermeisterin Katrin Seidel", "die Bürgermeisterin Katrin Seidel (parteilos)"),),
            ),
            Take("dpa-sturzflut", 3),
            Take("dpa-sturzflut", 4),
            Take("dpa-sturzflut", 5),
            Take("dpa-sturzflut", 6),
        ),
    ),
    Story(
        id="tagesrauschen-sturzflut",
        outlet="tagesrauschen",
        event="sturzflut-erzgebirge",
        published="2024-08-21T10:20",
        slug="sturzflut-in-sachsen-feuerwehr-rettet-autofahrer-aus-den-fluten-4866",
        title="Sturzflut in Sachsen: Feuerwehr rettet Autofahrer aus den Fluten",
        section=("International", "Deutschland"),
        credit_line="(sda/dpa)",
        credits=("sda", "dpa"),
        body=(
            Take("dpa-sturzflut", 0, sub=(("im Erzgebirgskreis", "im deutschen Bundesland Sachsen"),)),
            Take("dpa-sturzflut", 3),
            Take("dpa-sturzflut", 2),
            Take(
                "dpa-sturzflut",
                5,
                sub=(
                    (
                        "Die Schäden dürften nach ersten Schätzungen in die Millionen gehen.",
                        "Die Schäden dürften in die Millionen gehen.",
                    ),
                ),
            ),
            Take("dpa-sturzflut", 6),
        ),
        figures=(
            Fig(
                "Schlamm und Geröll auf dem Marktplatz von Wolkenhain am Mittwochmorgen.",
                "dpa / carola wendisch",
                after=1,
                title="Sturzflut im Erzgebirge",
                count=7,
            ),
        ),
    ),
    Story(
        id="murblick-sturzflut",
        outlet="murblick",
        event="sturzflut-erzgebirge",
        published="2024-08-21T10:45",
        slug="sturzflut-im-erzgebirge-autofahrer-aus-fluten-gerettet",
        title="Sturzflut im Erzgebirge: Autofahrer aus den Fluten gerettet",
        section=("Chronik", "Welt"),
        credit_line="(APA/dpa)",
        credits=("APA", "dpa"),
        body=(
            Take(
                "dpa-sturzflut", 0, sub=(("im Erzgebirge", "im Erzgebirge im deutschen Bundesland Sachsen"),)
            ),
            Take("dpa-sturzflut", 1),
            Take("dpa-sturzflut", 3),
            Take("dpa-sturzflut", 5),
        ),
        figures=(Fig("Aufräumarbeiten in Wolkenhain im Erzgebirge.", "APA/dpa/Carola Wendisch"),),
    ),
    # ------------------------------------------------------------------ bribery verdict in Zurich (Tuesday)
    Story(
        id="aareblick-bestechung",
        outlet="aareblick",
        event="bestechung-zuerich",
        published="2024-08-20T17:45",
        slug="bestechung-im-tiefbauamt-ex-projektleiter-muss-ins-gefaengnis-ld.2318902",
        title="Bestechung im Tiefbauamt: Ex-Projektleiter muss ins Gefängnis",
        section=("Schweiz", "Zürich"),
        authors=("Simon Iseli",),
        kicker="Urteil",
        body=(
            P(
                "Das Bezirksgericht Zürich hat am Dienstag einen früheren Projektleiter des kantonalen Tiefbauamts "
                "wegen passiver Bestechung und ungetreuer Amtsführung zu einer Freiheitsstrafe von drei Jahren "
                "verurteilt. 18 Monate davon muss der 53-jährige Daniel Koller absitzen, den Rest schob das Gericht "
                "bei einer Probezeit von drei Jahren auf."
            ),
            P(
                "Koller hatte zwischen 2016 und 2022 Aufträge für Betonteile und Lärmschutzwände freihändig an die "
                "Leitner Baustoffe GmbH aus dem steirischen Leoben vergeben. Im Gegenzug flossen nach Überzeugung "
                "des Gerichts rund 480'000 Franken auf ein Konto, das auf den Namen seiner damaligen Ehefrau lief. "
                "Sabine Koller, die inzwischen von ihm geschieden ist, war als Zeugin geladen. Sie sagte aus, sie "
                "habe von den Zahlungen nichts gewusst.",
                (
                    Q(
                        "sie habe von den Zahlungen nichts gewusst",
                        "indirect",
                        "Sabine Koller",
                        "sagte aus",
                        "Sie",
                    ),
                ),
            ),
            P(
                "Der Mitangeklagte Gernot Leitner, Geschäftsführer des Baustoffhändlers, erhielt wegen Bestechung "
                "eine bedingte Freiheitsstrafe von 22 Monaten. Der 61-Jährige hatte die Zahlungen vor Gericht als "
                "„Beraterhonorare“ bezeichnet.",
                (Q("Beraterhonorare", "direct", "Gernot Leitner", "bezeichnet", "Der 61-Jährige"),),
            ),
            H("„Ein System der Gefälligkeiten“"),
            P(
                "Die vorsitzende Richterin Monika Stäger fand deutliche Worte. „Sie haben über Jahre ein System der "
                "Gefälligkeiten gepflegt“, sagte sie bei der Urteilseröffnung, „und dabei das Vertrauen in eine "
                "ganze Verwaltung beschädigt.“ Der Kanton sei durch die überhöhten Preise um mindestens 1,2 "
                "Millionen Franken geschädigt worden.",
                (
                    Q(
                        "Sie haben über Jahre ein System der Gefälligkeiten gepflegt",
                        "direct",
                        "Monika Stäger",
                        "sagte",
                        "sie",
                    ),
                    Q(
                        "und dabei das Vertrauen in eine ganze Verwaltung beschädigt.",
                        "direct",
                        "Monika Stäger",
                        "sagte",
                        "sie",
                    ),
                    Q(
                        "Der Kanton sei durch die überhöhten Preise um mindestens 1,2 Millionen Franken geschädigt "
                        "worden.",
                        "indirect",
                        "Monika Stäger",
                    ),
                ),
            ),
            P(
                "Die Staatsanwaltschaft hatte für Koller vier Jahre gefordert. Staatsanwalt Reto Hächler zeigte sich "
                "nach dem Urteil dennoch zufrieden: Das Gericht sei der Anklage in allen wesentlichen Punkten "
                "gefolgt.",
                (
                    Q(
                        "Das Gericht sei der Anklage in allen wesentlichen Punkten gefolgt.",
                        "indirect",
                        "Reto Hächler",
                        "zeigte sich zufrieden",
                        "Staatsanwalt Reto Hächler",
                    ),
                ),
            ),
            P(
                "Kollers Verteidiger Urs Baumann kündigte an, das Urteil an das Obergericht weiterzuziehen. „Mein "
                "Mandant hat Fehler gemacht, aber er ist kein Krimineller“, sagte Baumann. Die Zahlungen seien nie "
                "an konkrete Aufträge geknüpft gewesen. Das Urteil ist noch nicht rechtskräftig.",
                (
                    Q(
                        "das Urteil an das Obergericht weiterzuziehen",
                        "indirect",
                        "Urs Baumann",
                        "kündigte an",
                        "Kollers Verteidiger Urs Baumann",
                    ),
                    Q(
                        "Mein Mandant hat Fehler gemacht, aber er ist kein Krimineller",
                        "direct",
                        "Urs Baumann",
                        "sagte",
                        "Baumann",
                    ),
                    Q(
                        "Die Zahlungen seien nie an konkrete Aufträge geknüpft gewesen.",
                        "indirect",
                        "Urs Baumann",
                    ),
                ),
            ),
            P(
                "Aufgeflogen war die Sache durch einen Zufall: Eine neue Mitarbeiterin im Controlling wunderte sich "
                "2022 darüber, warum Lärmschutzwände für eine Umfahrungsstraße fast doppelt so viel kosteten wie "
                "vergleichbare Elemente an der Autobahn. Sie meldete ihre Beobachtung der internen Revision."
            ),
        ),
        figures=(
            Fig(
                "Das Bezirksgericht Zürich verurteilte den früheren Projektleiter zu drei Jahren.",
                "Keystone/Pirmin Schüpbach",
            ),
        ),
    ),
    Story(
        id="tagesrauschen-bestechung",
        outlet="tagesrauschen",
        event="bestechung-zuerich",
        published="2024-08-20T18:30",
        slug="zuercher-beamter-kassierte-fast-eine-halbe-million-4839",
        title="Zürcher Beamter kassierte fast eine halbe Million – jetzt muss er ins Gefängnis",
        title_alternatives=("Bestechung im Tiefbauamt: 18 Monate unbedingt für Ex-Projektleiter",),
        section=("Schweiz", "Zürich"),
        credit_line="(sda)",
        credits=("sda",),
        body=(
            Take("sda-bestechung", 0),
            Take("sda-bestechung", 1),
            P(
                "Das Geld lief über ein Konto, das auf den Namen seiner damaligen Ehefrau eröffnet worden war. Sie "
                "sagte vor Gericht aus, sie habe von den Zahlungen nichts gewusst. Gegen die Frau wurde kein "
                "Verfahren eröffnet.",
                (
                    Q(
                        "sie habe von den Zahlungen nichts gewusst",
                        "indirect",
                        "damalige Ehefrau des Angeklagten",
                        "sagte aus",
                        "Sie",
                    ),
                ),
            ),
            Take("sda-bestechung", 2),
            H("Verteidigung zieht das Urteil weiter"),
            Take("sda-bestechung", 3),
            Take("sda-bestechung", 4),
        ),
    ),
    Story(
        id="murblick-bestechung",
        outlet="murblick",
        event="bestechung-zuerich",
        published="2024-08-21T08:00",
        slug="bestechung-in-zuerich-bedingte-haft-fuer-steirischen-unternehmer",
        title="Bestechung in Zürich: Bedingte Haft für steirischen Unternehmer",
        section=("Steiermark", "Wirtschaft"),
        credit_line="(APA/sda)",
        credits=("APA", "sda"),
        body=(
            P(
                "Ein Unternehmer aus Leoben ist in der Schweiz wegen Bestechung zu einer bedingten Haftstrafe von 22 "
                "Monaten verurteilt worden. Gernot Leitner, Geschäftsführer der Leitner Baustoffe GmbH, hat nach "
                "Überzeugung des Bezirksgerichts Zürich einem Beamten des dortigen Tiefbauamts über Jahre Geld "
                "zukommen lassen."
            ),
            Take(
                "sda-bestechung",
                0,
                sub=(
                    (
                        "Ein ehemaliger Projektleiter des Zürcher Tiefbauamts",
                        "Der Beamte, ein ehemaliger Projektleiter,",
                    ),
                    (
                        " Das Bezirksgericht Zürich sah es am Dienstag als erwiesen an, dass der 53-Jährige über Jahre "
                        "Geld von einem österreichischen Baustofflieferanten angenommen hatte.",
                        "",
                    ),
                ),
            ),
            Take(
                "sda-bestechung",
                1,
                sub=(
                    ("480'000 Franken", "480.000 Franken (rund 510.000 Euro)"),
                    ("an die Firma aus Leoben in der Steiermark", "an das Leobener Unternehmen"),
                ),
            ),
            Take(
                "sda-bestechung",
                2,
                sub=(
                    (
                        "Der Geschäftsführer des Lieferanten, ein 61-jähriger Österreicher, erhielt wegen Bestechung "
                        "eine bedingte Freiheitsstrafe von 22 Monaten.",
                        "Leitner hatte die Zahlungen im Prozess als „Beraterhonorare“ bezeichnet.",
                    ),
                ),
                quotes=(Q("Beraterhonorare", "direct", "Gernot Leitner", "bezeichnet", "Leitner"),),
            ),
            P(
                "Die Leitner Baustoffe GmbH beschäftigt rund 120 Mitarbeiter und beliefert Baustellen in Österreich, "
                "der Schweiz und Süddeutschland. „Herr Leitner wird das Urteil gemeinsam mit seinen Anwälten "
                "prüfen“, sagte ein Firmensprecher auf Anfrage. Der Geschäftsbetrieb sei von dem Verfahren nicht "
                "betroffen.",
                (
                    Q(
                        "Herr Leitner wird das Urteil gemeinsam mit seinen Anwälten prüfen",
                        "direct",
                        "Firmensprecher der Leitner Baustoffe GmbH",
                        "sagte",
                        "ein Firmensprecher",
                    ),
                    Q(
                        "Der Geschäftsbetrieb sei von dem Verfahren nicht betroffen.",
                        "indirect",
                        "Firmensprecher der Leitner Baustoffe GmbH",
                    ),
                ),
            ),
            Take("sda-bestechung", 3),
        ),
        figures=(Fig("Das Bezirksgericht Zürich.", "APA/Keystone/Pirmin Schüpbach"),),
    ),
    # ---------------------------------------------------------------- solar fraud trial in Cottbus (Wednesday)
    Story(
        id="kranichbote-solarbetrug",
        outlet="kranichbote",
        event="solarbetrug-cottbus",
        published="2024-08-21T15:30",
        slug="solarpark-prozess-anleger-hoffen-auf-aufklaerung_a48251",
        title="Solarpark-Prozess: Anleger hoffen auf Aufklärung",
        section=("Lokales", "Cottbus"),
        authors=("Thomas Reimann",),
        kicker="Landgericht",
        body=(
            P(
                "Saal 007 des Landgerichts Cottbus ist am Mittwochmorgen bis auf den letzten Platz besetzt. Viele "
                "der Zuschauer sind mit dem Bus aus Senftenberg, Spremberg oder Hoyerswerda gekommen. Sie alle haben "
                "Geld bei der Lausitzer Sonnenfelder GmbH angelegt, und die meisten von ihnen haben es verloren."
            ),
            P(
                "Auf der Anklagebank sitzen die früheren Geschäftsführer Frank Dietrich (58) und Sven Ludewig (46). "
                "Oberstaatsanwältin Petra Hanisch braucht fast zwei Stunden, um die Anklageschrift zu verlesen. Die "
                "beiden Männer sollen mehr als 2300 Anlegerinnen und Anlegern Anteile an Solarparks verkauft haben, "
                "für die es weder Grundstücke noch Genehmigungen gab. Der Schaden beläuft sich laut Anklage auf rund "
                "31 Millionen Euro.",
                (
                    Q(
                        "Der Schaden beläuft sich laut Anklage auf rund 31 Millionen Euro.",
                        "indirect",
                        "Petra Hanisch",
                        "laut",
                        "Anklage",
                    ),
                ),
            ),
            P(
                "„Das Geschäftsmodell war von Anfang an auf Täuschung angelegt“, sagte Hanisch. Spätestens ab 2020 "
                "hätten die Angeklagten gewusst, dass keiner der versprochenen Solarparks gebaut werden würde. "
                "Dennoch hätten sie weiter mit Renditen von bis zu sieben Prozent geworben.",
                (
                    Q(
                        "Das Geschäftsmodell war von Anfang an auf Täuschung angelegt",
                        "direct",
                        "Petra Hanisch",
                        "sagte",
                        "Hanisch",
                    ),
                    Q(
                        "Spätestens ab 2020 hätten die Angeklagten gewusst, dass keiner der versprochenen Solarparks "
                        "gebaut werden würde.",
                        "indirect",
                        "Petra Hanisch",
                    ),
                    Q(
                        "Dennoch hätten sie weiter mit Renditen von bis zu sieben Prozent geworben.",
                        "indirect",
                        "Petra Hanisch",
                    ),
                ),
            ),
            H("Verteidigung verweist auf fehlende Genehmigungen"),
            P(
                "Dietrich ließ seinen Verteidiger Jörg Albers eine Erklärung verlesen. Darin heißt es, er habe selbst "
                "an das Projekt geglaubt und einen großen Teil seines eigenen Vermögens investiert. Gescheitert seien "
                "die Solarparks an langwierigen Genehmigungsverfahren und an gestiegenen Zinsen. Ludewig schwieg. "
                "Sein Anwalt kündigte an, sein Mandant werde sich zu einem späteren Zeitpunkt äußern.",
                (
                    Q(
                        "er habe selbst an das Projekt geglaubt und einen großen Teil seines eigenen Vermögens "
                        "investiert",
                        "indirect",
                        "Frank Dietrich",
                        "heißt es",
                    ),
                    Q(
                        "Gescheitert seien die Solarparks an langwierigen Genehmigungsverfahren und an gestiegenen "
                        "Zinsen.",
                        "indirect",
                        "Frank Dietrich",
                    ),
                    Q(
                        "sein Mandant werde sich zu einem späteren Zeitpunkt äußern",
                        "indirect",
                        "Anwalt von Sven Ludewig",
                        "kündigte an",
                        "Sein Anwalt",
                    ),
                ),
            ),
            P(
                "In der Pause stehen die Geschädigten in kleinen Gruppen vor dem Gerichtsgebäude. Renate Wollny aus "
                "Senftenberg hat 48.000 Euro verloren, ihre gesamte Altersvorsorge. „Ich habe dem Herrn Dietrich "
                "vertraut, er kam ja aus der Gegend“, sagt die 71-Jährige. Von dem Prozess erwartet sie vor allem "
                "eines: „Dass einmal jemand zugibt, was er uns angetan hat.“",
                (
                    Q(
                        "Ich habe dem Herrn Dietrich vertraut, er kam ja aus der Gegend",
                        "direct",
                        "Renate Wollny",
                        "sagt",
                        "die 71-Jährige",
                    ),
                    Q(
                        "Dass einmal jemand zugibt, was er uns angetan hat.",
                        "direct",
                        "Renate Wollny",
                        "erwartet",
                        "sie",
                    ),
                ),
            ),
            P(
                "Die Kammer unter dem Vorsitz von Richter Klaus-Dieter Brenner hat 24 Verhandlungstage angesetzt. "
                "Mit einem Urteil wird nicht vor Dezember gerechnet."
            ),
        ),
        figures=(
            Fig(
                "Die Angeklagten Frank Dietrich (l.) und Sven Ludewig am Mittwoch im Landgericht Cottbus.",
                "Thomas Reimann",
            ),
        ),
    ),
    Story(
        id="elbkiesel-solarbetrug",
        outlet="elbkiesel",
        event="solarbetrug-cottbus",
        published="2024-08-21T17:10",
        slug="millionenbetrug-mit-solarparks-auch-anleger-aus-dresden-geschaedigt",
        title="Millionenbetrug mit Solarparks: Auch Anleger aus Dresden geschädigt",
        section=("Sachsen", "Justiz"),
        credit_line="(dpa)",
        credits=("dpa",),
        body=(
            Take("dpa-solarbetrug", 0),
            Take("dpa-solarbetrug", 1),
            P(
                "Unter den Geschädigten sind auch zahlreiche Menschen aus Dresden und Umgebung. Viele von ihnen "
                "hätten die Anteile auf Informationsabenden in Hotels und Gaststätten gekauft, sagte die Dresdner "
                "Rechtsanwältin Miriam Teuber, die mehrere Dutzend Anleger vertritt. Sie rät Betroffenen, ihre "
                "Forderungen im laufenden Insolvenzverfahren anzumelden.",
                (
                    Q(
                        "Viele von ihnen hätten die Anteile auf Informationsabenden in Hotels und Gaststätten gekauft",
                        "indirect",
                        "Miriam Teuber",
                        "sagte",
                        "die Dresdner Rechtsanwältin Miriam Teuber",
                    ),
                    Q(
                        "ihre Forderungen im laufenden Insolvenzverfahren anzumelden",
                        "indirect",
                        "Miriam Teuber",
                        "rät",
                        "Sie",
                    ),
                ),
            ),
            Take("dpa-solarbetrug", 2),
            Take("dpa-solarbetrug", 3),
        ),
        figures=(
            Fig(
                "Das Landgericht Cottbus, wo am Mittwoch der Prozess begann.",
                "dpa/Henrik Lübbers",
                after=1,
                count=1,
            ),
        ),
    ),
    Story(
        id="nachrichtenwerft-solarbetrug",
        outlet="nachrichtenwerft",
        event="solarbetrug-cottbus",
        published="2024-08-22T07:15",
        slug="solarpark-pleite-31-millionen-euro-weg-prozess-in-cottbus-begonnen",
        title="Solarpark-Pleite: 31 Millionen Euro weg – Prozess in Cottbus begonnen",
        credit_line="(dpa)",
        credits=("dpa",),
        body=(
            Take("dpa-solarbetrug", 0),
            Take("dpa-solarbetrug", 1),
            Take("dpa-solarbetrug", 2, sub=((" Der zweite Angeklagte äußerte sich zum Auftakt nicht.", ""),)),
            P(
                "Die Lausitzer Sonnenfelder GmbH hatte im Frühjahr 2023 Insolvenz angemeldet. Der Insolvenzverwalter "
                "geht davon aus, dass die Anleger nur einen kleinen Teil ihres Geldes zurückbekommen werden.",
                (
                    Q(
                        "dass die Anleger nur einen kleinen Teil ihres Geldes zurückbekommen werden",
                        "indirect",
                        "Insolvenzverwalter",
                        "geht davon aus",
                        "Der Insolvenzverwalter",
                    ),
                ),
            ),
            Take("dpa-solarbetrug", 3),
        ),
    ),
    # ------------------------------------------------------------ Alpine freight declaration in Lucerne (Friday)
    Story(
        id="aareblick-alpentransit",
        outlet="aareblick",
        event="alpentransit-luzern",
        published="2024-08-23T12:10",
        slug="alpenregionen-wollen-mehr-gueter-auf-die-schiene-bringen-ld.2320117",
        title="Alpenregionen wollen mehr Güter auf die Schiene bringen",
        title_alternatives=("Luzerner Erklärung: 60 Prozent des Alpentransits sollen auf die Bahn",),
        section=("Schweiz", "Politik"),
        kicker="Güterverkehr",
        credit_line="(sda)",
        credits=("sda",),
        body=(
            Take("sda-alpentransit", 0),
            Take("sda-alpentransit", 1),
            Take("sda-alpentransit", 2),
            Take("sda-alpentransit", 3),
            P(
                "Auch im Berner Oberland dürfte man die Beschlüsse genau verfolgen. Der Güterverkehr auf der "
                "Lötschberg-Achse hat in den vergangenen Jahren stetig zugenommen, Anwohnerinnen und Anwohner im "
                "Kandertal klagen seit langem über Lärm und Staus."
            ),
            Take("sda-alpentransit", 4),
            Take("sda-alpentransit", 5),
            P(
                "Wie anfällig der Schienengüterverkehr ist, zeigte sich in dieser Woche in Deutschland: Ein Streik "
                "bei einem Bahnunternehmen in Mitteldeutschland ließ zahlreiche Güterzüge stehen, auch solche mit "
                "Ziel Schweiz."
            ),
            Take("sda-alpentransit", 6),
        ),
        figures=(
            Fig(
                "Die Verkehrsverantwortlichen der Alpenregionen nach der Unterzeichnung in Luzern.",
                "Keystone/Livia Ammann",
            ),
        ),
    ),
    Story(
        id="tagesrauschen-alpentransit",
        outlet="tagesrauschen",
        event="alpentransit-luzern",
        published="2024-08-23T11:45",
        slug="60-prozent-auf-die-schiene-alpenregionen-setzen-sich-ein-ehrgeiziges-ziel-4902",
        title="60 Prozent auf die Schiene: Alpenregionen setzen sich ein ehrgeiziges Ziel",
        section=("Schweiz", "Politik"),
        credit_line="(sda)",
        credits=("sda",),
        body=(
            Take("sda-alpentransit", 0),
            Take("sda-alpentransit", 2),
            Take("sda-alpentransit", 3),
            P(
                "Was bedeutet das für dich? Vorerst wenig: Das Buchungssystem soll frühestens 2027 getestet werden. "
                "Wer regelmäßig am Gotthard im Stau steht, darf sich aber langfristig Hoffnungen machen."
            ),
            Take(
                "sda-alpentransit",
                5,
                sub=(
                    (
                        " Solange die Bahn nicht zuverlässiger werde, sei eine Verlagerung in diesem Umfang unrealistisch.",
                        "",
                    ),
                ),
            ),
            Take("sda-alpentransit", 6),
        ),
        figures=(
            Fig(
                "Lastwagen stauen sich vor dem Gotthard-Strassentunnel.",
                "keystone / livia ammann",
                after=2,
                title="Alpentransit",
                count=5,
            ),
        ),
    ),
    Story(
        id="murblick-alpentransit",
        outlet="murblick",
        event="alpentransit-luzern",
        published="2024-08-23T13:20",
        slug="luzerner-erklaerung-tirol-will-transit-lkw-buchungspflichtig-machen",
        title="Luzerner Erklärung: Tirol will Transit-Lkw buchungspflichtig machen",
        title_alternatives=("Pichler nach Alpenkonferenz: „Durchbruch nach Jahrzehnten des Stillstands“",),
        section=("Österreich", "Verkehr"),
        authors=("Verena Aigner",),
        credit_line="(APA)",
        credits=("APA",),
        body=(
            P(
                "Tirols Verkehrslandesrat Georg Pichler hat die in Luzern unterzeichnete Erklärung der Alpenregionen "
                "als „Durchbruch nach Jahrzehnten des Stillstands“ bezeichnet. Zwölf Regionen aus Österreich, der "
                "Schweiz, Deutschland und Italien haben sich am Freitag darauf verständigt, bis 2035 mindestens 60 "
                "Prozent des alpenquerenden Güterverkehrs auf die Schiene zu bringen.",
                (
                    Q(
                        "Durchbruch nach Jahrzehnten des Stillstands",
                        "direct",
                        "Georg Pichler",
                        "bezeichnet",
                        "Tirols Verkehrslandesrat Georg Pichler",
                    ),
                ),
            ),
            P(
                "Für Tirol geht es vor allem um die Brennerroute, über die ein Großteil des Transitverkehrs rollt. "
                "„Die Menschen im Inntal warten seit Jahrzehnten auf Entlastung“, sagte Pichler nach der "
                "Unterzeichnung. „Mit einem Buchungssystem können wir die Fahrten endlich steuern, statt sie nur zu "
                "zählen.“",
                (
                    Q(
                        "Die Menschen im Inntal warten seit Jahrzehnten auf Entlastung",
                        "direct",
                        "Georg Pichler",
                        "sagte",
                        "Pichler",
                    ),
                    Q(
                        "Mit einem Buchungssystem können wir die Fahrten endlich steuern, statt sie nur zu zählen.",
                        "direct",
                        "Georg Pichler",
                    ),
                ),
            ),
            P(
                "Das Buchungssystem, das ab 2027 getestet werden soll, würde Transitfahrten von Lastwagen an feste "
                "Zeitfenster binden. Wer kein Zeitfenster gebucht hat, müsste auf die Bahn ausweichen oder warten. "
                "Rechtlich ist die Erklärung nicht bindend. Für eine Umsetzung braucht es Abkommen zwischen den "
                "Staaten und die Zustimmung der EU-Kommission."
            ),
            H("Frächter warnen vor „Planwirtschaft“"),
            P(
                "Kritik kam von der Frächterbranche. Ein Buchungssystem sei „Planwirtschaft auf der Autobahn“, sagte "
                "der Obmann eines Tiroler Frächterverbands, Herbert Mair. Die Bahn habe schon heute nicht genügend "
                "Kapazitäten, um zusätzliche Güter aufzunehmen.",
                (
                    Q(
                        "Ein Buchungssystem sei „Planwirtschaft auf der Autobahn“",
                        "indirect",
                        "Herbert Mair",
                        "sagte",
                        "der Obmann eines Tiroler Frächterverbands, Herbert Mair",
                    ),
                    Q("Planwirtschaft auf der Autobahn", "direct", "Herbert Mair", "sagte", "Herbert Mair"),
                    Q(
                        "Die Bahn habe schon heute nicht genügend Kapazitäten, um zusätzliche Güter aufzunehmen.",
                        "indirect",
                        "Herbert Mair",
                    ),
                ),
            ),
            P(
                "Die Urner Regierungsrätin Andrea Gisler, die die Konferenz leitete, sprach von einem „starken "
                "Signal“. Die nächste Konferenz der Alpenregionen findet 2026 in Innsbruck statt.",
                (
                    Q(
                        "starken Signal",
                        "direct",
                        "Andrea Gisler",
                        "sprach von",
                        "Die Urner Regierungsrätin Andrea Gisler",
                    ),
                ),
            ),
        ),
        figures=(Fig("Lkw-Kolonne auf der Brennerautobahn bei Innsbruck.", "APA/Theresia Wildbacher"),),
    ),
    Story(
        id="nachrichtenwerft-alpentransit",
        outlet="nachrichtenwerft",
        event="alpentransit-luzern",
        published="2024-08-23T15:00",
        slug="alpenlaender-wollen-gueterverkehr-auf-die-schiene-verlagern",
        title="Alpenländer wollen Güterverkehr auf die Schiene verlagern",
        credit_line="(dpa/sda)",
        credits=("dpa", "sda"),
        body=(
            Take("sda-alpentransit", 0, sub=(("in Luzern", "im schweizerischen Luzern"),)),
            Take("sda-alpentransit", 1),
            Take("sda-alpentransit", 2),
            Take("sda-alpentransit", 3),
            Take("sda-alpentransit", 5),
            Take("sda-alpentransit", 6),
        ),
    ),
    # --------------------------------------------------------------- Roman ship in Lake Constance (Wednesday)
    Story(
        id="aareblick-roemerschiff",
        outlet="aareblick",
        event="roemerschiff-bodensee",
        published="2024-08-21T14:00",
        slug="taucher-entdecken-roemisches-frachtschiff-im-bodensee-ld.2319455",
        title="Taucher entdecken römisches Frachtschiff im Bodensee",
        title_alternatives=("Fund vor Arbon: Römisches Frachtschiff lag 1800 Jahre im Schlick",),
        section=("Wissen", "Archäologie"),
        kicker="Archäologie",
        credit_line="(sda/dpa)",
        credits=("sda", "dpa"),
        body=(
            Take("dpa-roemerschiff", 0),
            Take("dpa-roemerschiff", 1),
            P(
                "Im Thurgau stößt der Fund auf großes Interesse. Die Gegend um Arbon gilt seit langem als eine der "
                "ergiebigsten Fundregionen für die römische Zeit in der Ostschweiz."
            ),
            Take("dpa-roemerschiff", 2),
            Take("dpa-roemerschiff", 3),
            Take("dpa-roemerschiff", 4),
            Take("dpa-roemerschiff", 5),
        ),
        figures=(
            Fig(
                "Ein Forschungstaucher vermisst die Planken des römischen Frachtschiffs.",
                "Bodensee-Forschungsverbund für Unterwasserarchäologie/Tobias Ehrle",
            ),
        ),
    ),
    Story(
        id="kranichbote-roemerschiff",
        outlet="kranichbote",
        event="roemerschiff-bodensee",
        published="2024-08-21T16:40",
        slug="roemisches-frachtschiff-im-bodensee-entdeckt_a48259",
        title="Römisches Frachtschiff im Bodensee entdeckt",
        section=("Nachrichten", "Wissenschaft"),
        kicker="Archäologie",
        credit_line="(dpa)",
        credits=("dpa",),
        body=(
            Take("dpa-roemerschiff", 0),
            Take(
                "dpa-roemerschiff",
                1,
                sub=((" Das Gebiet gehörte damals zur römischen Provinz Raetien.", ""),),
            ),
            Take(
                "dpa-roemerschiff",
                2,
                sub=(
                    ("die Projektleiterin Lena Morath", "Projektleiterin Lena Morath vom Forschungsverbund"),
                ),
            ),
            Take("dpa-roemerschiff", 3),
            Take("dpa-roemerschiff", 4, sub=(("erklärte Morath", "erklärte die Archäologin"),)),
            Take("dpa-roemerschiff", 5),
        ),
        figures=(
            Fig(
                "Amphoren im Rumpf des Wracks vor dem Thurgauer Ufer.",
                "dpa/Bodensee-Forschungsverbund/Tobias Ehrle",
            ),
        ),
    ),
    Story(
        id="murblick-roemerschiff",
        outlet="murblick",
        event="roemerschiff-bodensee",
        published="2024-08-21T18:05",
        slug="roemerschiff-im-bodensee-fund-vor-schweizer-ufer-begeistert-forscher",
        title="Römerschiff im Bodensee: Fund vor Schweizer Ufer begeistert Forscher",
        section=("Chronik", "Wissenschaft"),
        credit_line="(APA/dpa)",
        credits=("APA", "dpa"),
        body=(
            Take("dpa-roemerschiff", 0),
            Take("dpa-roemerschiff", 2),
            P(
                "Auch in Vorarlberg verfolgt man die Entdeckung mit großem Interesse. Bregenz war in römischer Zeit "
                "als Brigantium ein wichtiger Umschlagplatz am See, über den Waren aus dem Süden in die Provinz "
                "Raetien gelangten."
            ),
            Take("dpa-roemerschiff", 4),
            Take("dpa-roemerschiff", 5, sub=(("bittet zudem Bootsfahrer", "bittet zudem Bootsbesitzer"),)),
        ),
        figures=(Fig("Das Wrack liegt in etwa neun Metern Tiefe.", "APA/dpa/Tobias Ehrle"),),
    ),
    Story(
        id="nachrichtenwerft-roemerschiff",
        outlet="nachrichtenwerft",
        event="roemerschiff-bodensee",
        published="2024-08-22T09:30",
        slug="sensationsfund-im-bodensee-1800-jahre-altes-roemerschiff-entdeckt",
        title="Sensationsfund im Bodensee: 1800 Jahre altes Römerschiff entdeckt",
        credit_line="(dpa)",
        credits=("dpa",),
        body=(
            P(
                "Es ist ein Fund, von dem Unterwasserarchäologen ein Berufsleben lang träumen: Im Bodensee liegt seit "
                "rund 1800 Jahren ein nahezu vollständig erhaltenes römisches Frachtschiff."
            ),
            Take(
                "dpa-roemerschiff",
                0,
                sub=(
                    (
                        "Im Bodensee haben Forschungstaucher das Wrack eines römischen Frachtschiffs entdeckt. ",
                        "",
                    ),
                ),
            ),
            Take("dpa-roemerschiff", 1),
            Take("dpa-roemerschiff", 2),
            Take("dpa-roemerschiff", 3),
            Take("dpa-roemerschiff", 4),
            P(
                "Wer sich selbst ein Bild machen möchte, muss sich gedulden: Der Forschungsverbund plant für das "
                "kommende Frühjahr eine Ausstellung in Konstanz, in der auch das 3D-Modell des Wracks zu sehen sein "
                "soll."
            ),
            Take("dpa-roemerschiff", 5),
        ),
    ),
    Story(
        id="tagesrauschen-roemerschiff",
        outlet="tagesrauschen",
        event="roemerschiff-bodensee",
        published="2024-08-21T15:10",
        slug="taucher-finden-1800-jahre-altes-roemerschiff-im-bodensee-4871",
        title="Taucher finden 1800 Jahre altes Römerschiff im Bodensee",
        title_alternatives=("Sensation vor Arbon: Dieses Römerschiff lag 1800 Jahre im Schlick",),
        section=("Schweiz", "Wissen"),
        credit_line="(sda/dpa)",
        credits=("sda", "dpa"),
        body=(
            P(
                "Stell dir vor, du tauchst im Bodensee, und plötzlich ragen vor dir Holzplanken aus dem Schlamm. Genau "
                "das ist dem Taucher Tobias Ehrle im vergangenen Herbst passiert – und jetzt ist klar: Er hat ein "
                "römisches Frachtschiff gefunden."
            ),
            Take(
                "dpa-roemerschiff",
                0,
                sub=(
                    (
                        "Im Bodensee haben Forschungstaucher das Wrack eines römischen Frachtschiffs entdeckt. ",
                        "",
                    ),
                ),
            ),
            Take(
                "dpa-roemerschiff",
                1,
                sub=(
                    (
                        "Entdeckt hatten die Taucher das Schiff bereits im vergangenen Herbst, als der Wasserstand "
                        "des Sees ungewöhnlich niedrig war.",
                        "Der Wasserstand des Sees war damals ungewöhnlich niedrig.",
                    ),
                ),
            ),
            Take("dpa-roemerschiff", 2),
            Take("dpa-roemerschiff", 4),
            Take(
                "dpa-roemerschiff",
                5,
                sub=(("der Taucher Tobias Ehrle, der das Wrack als Erster gesehen hatte", "Ehrle"),),
            ),
        ),
        figures=(
            Fig(
                "Amphoren im Rumpf des römischen Frachtschiffs vor Arbon.",
                "bodensee-forschungsverbund / tobias ehrle",
                after=1,
                title="Römerschiff im Bodensee",
                count=11,
            ),
        ),
    ),
    # ---------------------------------------------------------- train drivers' strike (Wednesday to Friday)
    Story(
        id="nachrichtenwerft-streik",
        outlet="nachrichtenwerft",
        event="lokfuehrerstreik",
        published="2024-08-21T07:45",
        slug="lokfuehrerstreik-legt-regionalverkehr-in-mitteldeutschland-lahm",
        title="Lokführerstreik legt Regionalverkehr in Mitteldeutschland lahm",
        credit_line="(dpa/reuters)",
        credits=("dpa", "Reuters"),
        body=(
            Take("dpa-streik", 0),
            Take("dpa-streik", 1),
            Take("dpa-streik", 2),
            Take("dpa-streik", 3),
            Take("dpa-streik", 4),
            Take("dpa-streik", 5),
            P(
                "Fahrgäste sollten sich vor Reiseantritt im Internet oder in der App des Unternehmens über ihre "
                "Verbindung informieren. Fahrkarten für ausgefallene Züge behalten ihre Gültigkeit."
            ),
            Take("dpa-streik", 6),
        ),
    ),
    Story(
        id="kranichbote-streik",
        outlet="kranichbote",
        event="lokfuehrerstreik",
        published="2024-08-21T09:40",
        slug="lokfuehrerstreik-pendler-in-der-lausitz-stranden-am-bahnsteig_a48224",
        title="Lokführerstreik: Pendler in der Lausitz stranden am Bahnsteig",
        section=("Lokales", "Lausitz"),
        authors=("Jana Peters",),
        kicker="Verkehr",
        credit_line="(jp/dpa)",
        credits=("dpa",),
        body=(
            P(
                "Am Bahnhof Hoyerswerda ist es am Mittwoch kurz nach sechs Uhr ungewöhnlich still. Auf der "
                "Anzeigetafel steht hinter fast jeder Verbindung dasselbe Wort: „Zugausfall“. Wer nach Dresden oder "
                "Cottbus zur Arbeit muss, hat ein Problem."
            ),
            Take("dpa-streik", 0),
            P(
                "Michael Schwarz wartet trotzdem am Gleis. Der 43-Jährige arbeitet in einem Logistikzentrum bei "
                "Dresden und hat kein Auto. „Mein Chef weiß Bescheid, aber die Stunden muss ich nacharbeiten“, sagt "
                "er. Ein Kollege wolle ihn später in Kamenz abholen, wenn er bis dahin einen Bus erwische.",
                (
                    Q(
                        "Mein Chef weiß Bescheid, aber die Stunden muss ich nacharbeiten",
                        "direct",
                        "Michael Schwarz",
                        "sagt",
                        "er",
                    ),
                    Q(
                        "Ein Kollege wolle ihn später in Kamenz abholen, wenn er bis dahin einen Bus erwische.",
                        "indirect",
                        "Michael Schwarz",
                    ),
                ),
            ),
            Take("dpa-streik", 1, sub=(("rund um Leipzig und Dresden", "rund um Dresden und Leipzig"),)),
            Take("dpa-streik", 3),
            Take("dpa-streik", 4),
            Take(
                "dpa-streik",
                5,
                sub=(("Personalvorständin Susanne Lindqvist", "VRB-Personalvorständin Susanne Lindqvist"),),
            ),
            P(
                "Für Pendler in der Lausitz ist es bereits der dritte Streik seit dem Frühjahr. Der regionale "
                "Fahrgastverband forderte beide Seiten auf, sich rasch zu einigen. Viele Menschen hier hätten keine "
                "Alternative zur Bahn, sagte dessen Sprecherin Anke Noack.",
                (
                    Q(
                        "Viele Menschen hier hätten keine Alternative zur Bahn",
                        "indirect",
                        "Anke Noack",
                        "sagte",
                        "dessen Sprecherin Anke Noack",
                    ),
                    Q(
                        "sich rasch zu einigen",
                        "indirect",
                        "regionaler Fahrgastverband",
                        "forderte",
                        "Der regionale Fahrgastverband",
                    ),
                ),
            ),
            Take("dpa-streik", 6),
        ),
        figures=(Fig("Leere Bahnsteige am Mittwochmorgen in Hoyerswerda.", "Jana Peters"),),
    ),
    Story(
        id="elbkiesel-streik",
        outlet="elbkiesel",
        event="lokfuehrerstreik",
        published="2024-08-21T12:00",
        slug="lokfuehrerstreik-was-fahrgaeste-in-sachsen-jetzt-wissen-muessen",
        title="Lokführerstreik: Was Fahrgäste in Sachsen jetzt wissen müssen",
        section=("Sachsen", "Verkehr"),
        credit_line="(dpa)",
        credits=("dpa",),
        body=(
            Take("dpa-streik", 0),
            Take("dpa-streik", 1),
            P(
                "In Dresden fuhren die S-Bahnen der VRB am Vormittag nur im Zwei-Stunden-Takt. Straßenbahnen und "
                "Busse der städtischen Verkehrsbetriebe sind vom Streik nicht betroffen. Wer kann, sollte auf das "
                "Fahrrad umsteigen oder Fahrgemeinschaften bilden."
            ),
            Take(
                "dpa-streik",
                2,
                sub=(
                    (" Zahlreiche Güterzüge Richtung Tschechien und Österreich blieben dagegen stehen.", ""),
                ),
            ),
            Take("dpa-streik", 3),
            Take("dpa-streik", 4),
            Take("dpa-streik", 5),
            Take("dpa-streik", 6),
        ),
        figures=(
            Fig(
                "Eine Anzeigetafel am Dresdner Hauptbahnhof meldet Zugausfälle.",
                "dpa/Jonas Pfaffenrath",
                after=1,
                count=4,
            ),
        ),
    ),
    Story(
        id="elbkiesel-streik-schlichtung",
        outlet="elbkiesel",
        event="lokfuehrerstreik",
        published="2024-08-22T18:20",
        slug="streik-bei-der-vrb-endet-beide-seiten-einigen-sich-auf-schlichtung",
        title="Streik bei der VRB endet: Beide Seiten einigen sich auf Schlichtung",
        section=("Sachsen", "Verkehr"),
        authors=("Lea Hänsch",),
        body=(
            P(
                "Der Lokführerstreik bei den Vereinigten Regionalbahnen (VRB) endet früher als geplant. Gewerkschaft "
                "und Unternehmen haben sich am Donnerstagnachmittag auf eine Schlichtung verständigt. Von Freitag, "
                "3.00 Uhr an sollen die Züge in Sachsen, Sachsen-Anhalt und Thüringen wieder nach Fahrplan fahren."
            ),
            P(
                "VGS-Chef Bernd Kaltofen sprach von einem „ersten Schritt in die richtige Richtung“. Man habe sich "
                "nicht bewegt, weil der Druck nachgelassen habe, sondern weil die VRB erstmals über die Arbeitszeit "
                "reden wolle, sagte Kaltofen. Die Forderung nach einer 35-Stunden-Woche bleibe auf dem Tisch.",
                (
                    Q(
                        "ersten Schritt in die richtige Richtung",
                        "direct",
                        "Bernd Kaltofen",
                        "sprach von",
                        "VGS-Chef Bernd Kaltofen",
                    ),
                    Q(
                        "Man habe sich nicht bewegt, weil der Druck nachgelassen habe, sondern weil die VRB erstmals "
                        "über die Arbeitszeit reden wolle",
                        "indirect",
                        "Bernd Kaltofen",
                        "sagte",
                        "Kaltofen",
                    ),
                    Q(
                        "Die Forderung nach einer 35-Stunden-Woche bleibe auf dem Tisch.",
                        "indirect",
                        "Bernd Kaltofen",
                    ),
                ),
            ),
            P(
                "Auch die Personalvorständin der VRB, Susanne Lindqvist, zeigte sich erleichtert. „Unsere Fahrgäste "
                "haben in den vergangenen zwei Tagen viel Geduld bewiesen“, sagte sie. Die Schlichtung sei der "
                "richtige Weg, um den Konflikt ohne weitere Streiks zu lösen.",
                (
                    Q(
                        "Unsere Fahrgäste haben in den vergangenen zwei Tagen viel Geduld bewiesen",
                        "direct",
                        "Susanne Lindqvist",
                        "sagte",
                        "sie",
                    ),
                    Q(
                        "Die Schlichtung sei der richtige Weg, um den Konflikt ohne weitere Streiks zu lösen.",
                        "indirect",
                        "Susanne Lindqvist",
                    ),
                ),
            ),
            H("Zwei Schlichter benannt"),
            P(
                "Als Schlichter sollen der frühere Arbeitsrichter Hartmut Vollrath und die Arbeitsrechtsprofessorin "
                "Gudrun Pfeiffer vermitteln. Die Gespräche beginnen am kommenden Montag in Leipzig und sollen "
                "spätestens Ende September abgeschlossen sein. Bis dahin gilt Friedenspflicht."
            ),
            P(
                "Am Donnerstag fielen nach Unternehmensangaben noch etwa zwei Drittel der Regionalzüge aus. Im "
                "Güterverkehr stauten sich nach zwei Streiktagen mehrere hundert Waggons auf den Rangierbahnhöfen, "
                "darunter Ladungen für Tschechien und Österreich. Es werde mehrere Tage dauern, bis sich der Betrieb "
                "normalisiere, sagte eine Sprecherin der VRB Cargo.",
                (
                    Q(
                        "Am Donnerstag fielen nach Unternehmensangaben noch etwa zwei Drittel der Regionalzüge aus.",
                        "indirect",
                        "Vereinigte Regionalbahnen",
                        "nach Unternehmensangaben",
                    ),
                    Q(
                        "Es werde mehrere Tage dauern, bis sich der Betrieb normalisiere",
                        "indirect",
                        "Sprecherin der VRB Cargo",
                        "sagte",
                        "eine Sprecherin der VRB Cargo",
                    ),
                ),
            ),
        ),
    ),
    Story(
        id="murblick-streik",
        outlet="murblick",
        event="lokfuehrerstreik",
        published="2024-08-21T13:30",
        slug="bahnstreik-in-deutschland-gueterzuege-nach-oesterreich-stecken-fest",
        title="Bahnstreik in Deutschland: Güterzüge nach Österreich stecken fest",
        section=("Wirtschaft",),
        credit_line="(AFP)",
        credits=("AFP",),
        body=(
            P(
                "Ein Streik bei einem ostdeutschen Bahnunternehmen bremst auch den Güterverkehr nach Österreich. Seit "
                "Mittwochfrüh legen die Lokführer der Vereinigten Regionalbahnen (VRB) in Sachsen, Sachsen-Anhalt "
                "und Thüringen die Arbeit nieder. Neben zahlreichen Regionalzügen stehen auch Güterzüge still, die "
                "Waren über Tschechien nach Österreich bringen sollten."
            ),
            P(
                "Betroffen sind unter anderem Lieferungen von Chemikalien und Autoteilen für Betriebe in "
                "Oberösterreich und der Steiermark. „Wir haben seit heute früh sechs Ganzzüge, die irgendwo zwischen "
                "Leipzig und Dresden auf einem Abstellgleis stehen“, sagte ein Sprecher des Grazer "
                "Logistikunternehmens Murfracht. Man versuche, dringende Lieferungen auf Lkw umzuladen.",
                (
                    Q(
                        "Wir haben seit heute früh sechs Ganzzüge, die irgendwo zwischen Leipzig und Dresden auf einem "
                        "Abstellgleis stehen",
                        "direct",
                        "Sprecher des Logistikunternehmens Murfracht",
                        "sagte",
                        "ein Sprecher des Grazer Logistikunternehmens Murfracht",
                    ),
                    Q(
                        "Man versuche, dringende Lieferungen auf Lkw umzuladen.",
                        "indirect",
                        "Sprecher des Logistikunternehmens Murfracht",
                    ),
                ),
            ),
            P(
                "Die Verkehrsgewerkschaft Schiene (VGS) fordert für die Beschäftigten eine 35-Stunden-Woche bei "
                "vollem Lohnausgleich. Das Unternehmen hält das für nicht finanzierbar und hat eine Lohnerhöhung um "
                "neun Prozent in zwei Stufen angeboten. Der Streik ist auf 72 Stunden angelegt."
            ),
            H("Industrie fordert Notfahrplan"),
            P(
                "Die heimische Industrie reagierte verärgert. Es könne nicht sein, dass ein Tarifkonflikt in "
                "Deutschland Produktionsketten in Österreich gefährde, sagte Christine Hofer, Geschäftsführerin eines "
                "steirischen Zulieferers für die Autoindustrie. Sie forderte einen Notfahrplan für den "
                "grenzüberschreitenden Güterverkehr.",
                (
                    Q(
                        "Es könne nicht sein, dass ein Tarifkonflikt in Deutschland Produktionsketten in Österreich "
                        "gefährde",
                        "indirect",
                        "Christine Hofer",
                        "sagte",
                        "Christine Hofer",
                    ),
                    Q(
                        "einen Notfahrplan für den grenzüberschreitenden Güterverkehr",
                        "indirect",
                        "Christine Hofer",
                        "forderte",
                        "Sie",
                    ),
                ),
            ),
            P(
                "Auf den Fernverkehr zwischen Wien und Berlin hat der Streik nach Angaben der Gewerkschaft keine "
                "Auswirkungen, da diese Züge von einem anderen Unternehmen gefahren werden.",
                (
                    Q(
                        "Auf den Fernverkehr zwischen Wien und Berlin hat der Streik nach Angaben der Gewerkschaft "
                        "keine Auswirkungen",
                        "indirect",
                        "Verkehrsgewerkschaft Schiene",
                        "nach Angaben",
                        "der Gewerkschaft",
                    ),
                ),
            ),
        ),
        figures=(Fig("Güterwaggons auf einem Abstellgleis bei Leipzig.", "AFP/Marek Sobolewski"),),
    ),
    Story(
        id="tagesrauschen-streik",
        outlet="tagesrauschen",
        event="lokfuehrerstreik",
        published="2024-08-21T09:05",
        slug="lokfuehrer-streiken-chaos-auf-ostdeutschlands-schienen-4858",
        title="Lokführer streiken: Chaos auf Ostdeutschlands Schienen",
        section=("International", "Deutschland"),
        credit_line="(sda/dpa)",
        credits=("sda", "dpa"),
        body=(
            Take("dpa-streik", 0, sub=(("Mitteldeutschlands", "Ostdeutschlands"),)),
            Take("dpa-streik", 1),
            Take("dpa-streik", 4),
            Take(
                "dpa-streik",
                5,
                sub=((" Die Gewerkschaft solle an den Verhandlungstisch zurückkehren.", ""),),
            ),
            Take("dpa-streik", 6),
        ),
    ),
)
