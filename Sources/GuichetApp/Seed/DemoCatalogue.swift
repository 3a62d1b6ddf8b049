// The demo catalogue that `guichet seed-demo` loads: two offices, one in Tunisia and one in Morocco,
// with their calendars, departments and service guides, in Arabic, French and English.
//
// Movable feasts are data, not formulas. The Islamic holidays below (Eid al-Fitr, Eid al-Adha, the Hijri
// New Year, the Mawlid) depend on the sighting of the crescent and are only announced by each country a
// day or so before. The dates here are the expected ones: the calendars published in advance for 2026, and
// for 2027 the first evening on which the new crescent is expected to be visible from the Maghreb. Either
// may move by a day; the office corrects its holiday table when the date is announced, and Guichet
// recomputes the deadlines of its open cases.
//
// Fees are demo values in the office currency (TND has 3 decimals, MAD has 2). "0" is either free or,
// where the description says so, an amount computed at issue (per square metre, per copy).

/// The demo catalogue loaded by `guichet seed-demo`: two offices with their calendars and service guides.
enum DemoCatalogue {
    /// Tunis (Tunisia, TND) and Tétouan (Morocco, MAD).
    static let offices: [DemoOffice] = [tunis, tetouan]
}

// MARK: - Tunis

extension DemoCatalogue {
    /// Municipalité de Tunis: weekend Saturday and Sunday, like the Tunisian public service.
    static let tunis = DemoOffice(
        code: "TUN",
        name: Trilingual(
            ar: "بلدية تونس",
            fr: "Municipalité de Tunis",
            en: "Municipality of Tunis"
        ),
        timezone: "Africa/Tunis",
        weekendDays: [6, 7],
        petitionThreshold: 300,
        petitionPeriodDays: 60,
        holidays: tunisHolidays,
        departments: tunisDepartments,
        services: tunisServices
    )

    /// Tunisia's public holidays for 2026 and 2027: the fixed national days and the Islamic feasts
    /// (Eid al-Fitr three days, Eid al-Adha two days, the Hijri New Year, the Mouled).
    /// On 2026-03-20 Eid al-Fitr is expected on Independence Day: one entry with a combined name.
    static let tunisHolidays: [DemoHoliday] = [
        // 2026
        DemoHoliday(date: "2026-01-01", name: TunisiaHoliday.newYear),
        DemoHoliday(date: "2026-03-20", name: TunisiaHoliday.independenceAndEidAlFitr),  // 1 Shawwal 1447, expected
        DemoHoliday(date: "2026-03-21", name: TunisiaHoliday.eidAlFitrDay2),  // 2 Shawwal 1447
        DemoHoliday(date: "2026-03-22", name: TunisiaHoliday.eidAlFitrDay3),  // 3 Shawwal 1447
        DemoHoliday(date: "2026-04-09", name: TunisiaHoliday.martyrs),
        DemoHoliday(date: "2026-05-01", name: TunisiaHoliday.labour),
        DemoHoliday(date: "2026-05-27", name: TunisiaHoliday.eidAlAdha),  // 10 Dhu al-Hijjah 1447, expected
        DemoHoliday(date: "2026-05-28", name: TunisiaHoliday.eidAlAdhaDay2),  // 11 Dhu al-Hijjah 1447
        DemoHoliday(date: "2026-06-16", name: TunisiaHoliday.islamicNewYear),  // 1 Muharram 1448, expected
        DemoHoliday(date: "2026-07-25", name: TunisiaHoliday.republic),
        DemoHoliday(date: "2026-08-13", name: TunisiaHoliday.women),
        DemoHoliday(date: "2026-08-25", name: TunisiaHoliday.mawlid),  // 12 Rabi' al-Awwal 1448, expected
        DemoHoliday(date: "2026-10-15", name: TunisiaHoliday.evacuation),
        DemoHoliday(date: "2026-12-17", name: TunisiaHoliday.revolution),
        // 2027
        DemoHoliday(date: "2027-01-01", name: TunisiaHoliday.newYear),
        DemoHoliday(date: "2027-03-10", name: TunisiaHoliday.eidAlFitr),  // 1 Shawwal 1448, expected
        DemoHoliday(date: "2027-03-11", name: TunisiaHoliday.eidAlFitrDay2),  // 2 Shawwal 1448
        DemoHoliday(date: "2027-03-12", name: TunisiaHoliday.eidAlFitrDay3),  // 3 Shawwal 1448
        DemoHoliday(date: "2027-03-20", name: TunisiaHoliday.independence),
        DemoHoliday(date: "2027-04-09", name: TunisiaHoliday.martyrs),
        DemoHoliday(date: "2027-05-01", name: TunisiaHoliday.labour),
        DemoHoliday(date: "2027-05-17", name: TunisiaHoliday.eidAlAdha),  // 10 Dhu al-Hijjah 1448, expected
        DemoHoliday(date: "2027-05-18", name: TunisiaHoliday.eidAlAdhaDay2),  // 11 Dhu al-Hijjah 1448
        DemoHoliday(date: "2027-06-06", name: TunisiaHoliday.islamicNewYear),  // 1 Muharram 1449, expected
        DemoHoliday(date: "2027-07-25", name: TunisiaHoliday.republic),
        DemoHoliday(date: "2027-08-13", name: TunisiaHoliday.women),
        DemoHoliday(date: "2027-08-15", name: TunisiaHoliday.mawlid),  // 12 Rabi' al-Awwal 1449, expected
        DemoHoliday(date: "2027-10-15", name: TunisiaHoliday.evacuation),
        DemoHoliday(date: "2027-12-17", name: TunisiaHoliday.revolution),
    ]

    /// Departments of the office; every service names one of these codes.
    static let tunisDepartments: [DemoDepartment] = [
        DemoDepartment(
            code: "etat-civil",
            name: Trilingual(ar: "الحالة المدنية", fr: "État civil", en: "Civil status")
        ),
        DemoDepartment(
            code: "urbanisme",
            name: Trilingual(
                ar: "التعمير ورخص البناء",
                fr: "Urbanisme et permis de bâtir",
                en: "Urban planning and building permits"
            )
        ),
        DemoDepartment(
            code: "relations-citoyens",
            name: Trilingual(
                ar: "العلاقات مع المواطن",
                fr: "Relations avec le citoyen",
                en: "Citizen relations"
            )
        ),
        DemoDepartment(
            code: "hygiene",
            name: Trilingual(
                ar: "حفظ الصحة والبيئة",
                fr: "Hygiène et environnement",
                en: "Hygiene and environment"
            )
        ),
        DemoDepartment(
            code: "finances",
            name: Trilingual(
                ar: "الجباية المحلية",
                fr: "Fiscalité locale",
                en: "Local taxation"
            )
        ),
    ]

    /// The service guide, in TND.
    static let tunisServices: [DemoService] = [
        DemoService(
            code: "birth-certificate",
            kind: "application",
            department: "etat-civil",
            name: Trilingual(
                ar: "مضمون ولادة",
                fr: "Extrait de naissance",
                en: "Birth certificate extract"
            ),
            description: Trilingual(
                ar: "مضمون من رسم ولادة مرسم بدفاتر الحالة المدنية. "
                    + "يمكن لكل شخص طلبه بذكر اسم صاحبه وتاريخ ومكان "
                    + "ولادته، ويسلم بالشباك في اليوم نفسه.",
                fr: "Extrait d'un acte de naissance inscrit aux registres de l'état civil. Toute personne "
                    + "peut le demander en indiquant le nom, la date et le lieu de naissance du titulaire ; il "
                    + "est délivré au guichet le jour même.",
                en: "Extract of a birth record held in the civil status registers. Anyone may request it by "
                    + "giving the holder's name, date and place of birth; it is issued at the counter on the "
                    + "same day."
            ),
            requiredDocuments: [TunisiaDocument.cin],
            responseDays: 0,
            extensionDays: 1,
            fee: "0.500",
            currency: "TND"
        ),
        DemoService(
            code: "marriage-certificate",
            kind: "application",
            department: "etat-civil",
            name: Trilingual(
                ar: "مضمون عقد زواج",
                fr: "Extrait d'acte de mariage",
                en: "Marriage certificate extract"
            ),
            description: Trilingual(
                ar: "مضمون من عقد زواج أبرم أمام ضابط الحالة المدنية "
                    + "أو عدلي إشهاد ورسم ببلدية تونس. يطلبه أحد "
                    + "الزوجين أو من ينوبه، ويسلم بالشباك في اليوم "
                    + "نفسه.",
                fr: "Extrait d'un acte de mariage conclu devant l'officier de l'état civil ou deux notaires "
                    + "et inscrit à la municipalité de Tunis. Il est demandé par l'un des époux ou son "
                    + "mandataire et délivré au guichet le jour même.",
                en: "Extract of a marriage contract concluded before the registrar or two notaries and "
                    + "recorded in Tunis. Either spouse or their representative may request it; it is issued at "
                    + "the counter on the same day."
            ),
            requiredDocuments: [TunisiaDocument.cin, TunisiaDocument.familyBooklet],
            responseDays: 0,
            extensionDays: 1,
            fee: "0.500",
            currency: "TND"
        ),
        DemoService(
            code: "death-certificate",
            kind: "application",
            department: "etat-civil",
            name: Trilingual(
                ar: "مضمون وفاة",
                fr: "Extrait d'acte de décès",
                en: "Death certificate extract"
            ),
            description: Trilingual(
                ar: "مضمون من رسم وفاة مرسم بدفاتر الحالة المدنية "
                    + "لبلدية تونس. يطلبه أحد أقارب المتوفى أو كل من له "
                    + "مصلحة، ويسلم بالشباك في اليوم نفسه.",
                fr: "Extrait d'un acte de décès inscrit aux registres de l'état civil de Tunis. Il est "
                    + "demandé par un proche du défunt ou toute personne intéressée et délivré au guichet "
                    + "le jour même.",
                en: "Extract of a death record held in the Tunis civil status registers. A relative of the "
                    + "deceased or any interested person may request it; it is issued at the counter on the "
                    + "same day."
            ),
            requiredDocuments: [TunisiaDocument.cin],
            responseDays: 0,
            extensionDays: 1,
            fee: "0.500",
            currency: "TND"
        ),
        DemoService(
            code: "signature-legalisation",
            kind: "application",
            department: "etat-civil",
            name: Trilingual(
                ar: "التعريف بالإمضاء",
                fr: "Légalisation de signature",
                en: "Signature legalisation"
            ),
            description: Trilingual(
                ar: "يمضي طالب الخدمة الوثيقة شخصيا أمام العون "
                    + "المكلف الذي يشهد بصحة الإمضاء. تسدى الخدمة فورا، "
                    + "والمعلوم المبين يخص إمضاء واحدا على ثلاث نسخ كحد "
                    + "أقصى.",
                fr: "Le demandeur signe le document en personne devant l'agent, qui en certifie la signature. "
                    + "La prestation est immédiate ; le tarif indiqué couvre une signature sur trois "
                    + "exemplaires au plus.",
                en: "The applicant signs the document in person before the agent, who certifies the "
                    + "signature. It is done on the spot; the fee shown covers one signature on up to three "
                    + "copies."
            ),
            requiredDocuments: [TunisiaDocument.cinOrPassport, TunisiaDocument.documentToSign],
            responseDays: 0,
            extensionDays: 1,
            fee: "0.500",
            currency: "TND"
        ),
        DemoService(
            code: "certified-copy",
            kind: "application",
            department: "etat-civil",
            name: Trilingual(
                ar: "الإشهاد بمطابقة النسخ للأصل",
                fr: "Certification de conformité des copies à l'original",
                en: "Certified true copy"
            ),
            description: Trilingual(
                ar: "يشهد العون بمطابقة نسخ وثيقة محررة بالعربية أو "
                    + "بالفرنسية لأصلها. تسدى الخدمة فورا، والمعلوم "
                    + "المبين يخص ثلاث نسخ من الوثيقة نفسها كحد أقصى.",
                fr: "L'agent certifie que les copies d'un document rédigé en arabe ou en français sont "
                    + "conformes à l'original. La prestation est immédiate ; le tarif indiqué couvre trois "
                    + "copies au plus du même document.",
                en: "The agent certifies that copies of a document written in Arabic or French match the "
                    + "original. It is done on the spot; the fee shown covers up to three copies of the same "
                    + "document."
            ),
            requiredDocuments: [TunisiaDocument.original, TunisiaDocument.copies, TunisiaDocument.cin],
            responseDays: 0,
            extensionDays: 1,
            fee: "0.500",
            currency: "TND"
        ),
        DemoService(
            code: "building-permit",
            kind: "application",
            department: "urbanisme",
            name: Trilingual(ar: "رخصة بناء", fr: "Permis de bâtir", en: "Building permit"),
            description: Trilingual(
                ar: "رخصة مسبقة وجوبية لكل بناء جديد أو توسعة أو "
                    + "تعلية. تدرس الملف اللجنة الفنية لرخص البناء، "
                    + "ويستخلص معلوم الرخصة المحتسب حسب المساحة "
                    + "المغطاة عند تسليمها.",
                fr: "Autorisation obligatoire avant toute construction, extension ou surélévation. Le "
                    + "dossier est examiné par la commission technique des permis de bâtir ; la redevance, "
                    + "calculée sur la surface couverte, est payée à la délivrance.",
                en: "Required before any new building, extension or additional storey. The technical "
                    + "committee for building permits examines the file; the fee, based on the covered floor "
                    + "area, is paid when the permit is issued."
            ),
            requiredDocuments: [
                TunisiaDocument.requestToMayor,
                TunisiaDocument.cin,
                TunisiaDocument.titleDeed,
                TunisiaDocument.architectPlans,
                TunisiaDocument.sitePlans,
                TunisiaDocument.propertyTaxReceipt,
            ],
            responseDays: 60,
            extensionDays: 30,
            fee: "0",
            currency: "TND"
        ),
        DemoService(
            code: "occupancy-permit",
            kind: "application",
            department: "urbanisme",
            name: Trilingual(
                ar: "رخصة استغلال بناية",
                fr: "Autorisation d'occupation d'un bâtiment",
                en: "Occupancy permit"
            ),
            description: Trilingual(
                ar: "تسلم بعد إتمام الأشغال ومعاينة المصالح الفنية "
                    + "للبلدية مطابقتها لرخصة البناء. يطلبها صاحب "
                    + "الرخصة قبل استغلال البناية أو ربطها بالشبكات.",
                fr: "Délivrée après l'achèvement des travaux, une fois leur conformité au permis de "
                    + "bâtir constatée par les services techniques municipaux. Le titulaire du permis la "
                    + "demande avant d'occuper le bâtiment ou de le raccorder aux réseaux.",
                en: "Issued once the works are finished and the municipal technical services have found them "
                    + "to match the building permit. The permit holder applies before using the building or "
                    + "connecting it to the networks."
            ),
            requiredDocuments: [
                TunisiaDocument.cin,
                TunisiaDocument.permitCopy,
                TunisiaDocument.completionDeclaration,
            ],
            responseDays: 30,
            extensionDays: 15,
            fee: "10.000",
            currency: "TND"
        ),
        DemoService(
            code: "demolition-permit",
            kind: "application",
            department: "urbanisme",
            name: Trilingual(ar: "رخصة هدم", fr: "Permis de démolir", en: "Demolition permit"),
            description: Trilingual(
                ar: "رخصة مسبقة لهدم بناية كليا أو جزئيا. يطلبها "
                    + "المالك أو من ينوبه، وتضبط الرخصة شروط السلامة "
                    + "ورفع الفواضل.",
                fr: "Autorisation préalable à la démolition totale ou partielle d'un bâtiment. Elle est "
                    + "demandée par le propriétaire ou son mandataire et fixe les conditions de sécurité et "
                    + "d'évacuation des gravats.",
                en: "Prior authorisation to demolish all or part of a building. The owner or their "
                    + "representative applies; the permit sets the safety conditions and how the rubble is "
                    + "removed."
            ),
            requiredDocuments: [
                TunisiaDocument.requestToMayor,
                TunisiaDocument.cin,
                TunisiaDocument.titleDeed,
                TunisiaDocument.sitePlans,
                TunisiaDocument.buildingPhotos,
            ],
            responseDays: 30,
            extensionDays: 15,
            fee: "20.000",
            currency: "TND"
        ),
        DemoService(
            code: "terrace-permit",
            kind: "application",
            department: "finances",
            name: Trilingual(
                ar: "ترخيص في الإشغال الوقتي للطريق العام (شرفة مقهى)",
                fr: "Autorisation d'occupation temporaire du domaine public (terrasse)",
                en: "Temporary use of public space (café terrace)"
            ),
            description: Trilingual(
                ar: "ترخيص لصاحب مقهى أو مطعم في وضع طاولات وكراسي "
                    + "على الرصيف مع ترك ممر للمترجلين. يستخلص معلوم "
                    + "سنوي حسب المساحة المشغولة بالمتر المربع عند "
                    + "تسليم الترخيص.",
                fr: "Autorisation pour un café ou un restaurant d'installer tables et chaises sur le "
                    + "trottoir en laissant un passage aux piétons. Une redevance annuelle au mètre carré "
                    + "occupé est payée à la délivrance.",
                en: "Lets a café or restaurant put tables and chairs on the pavement while leaving a passage "
                    + "for pedestrians. An annual fee per square metre occupied is paid when the permit is "
                    + "issued."
            ),
            requiredDocuments: [
                TunisiaDocument.cin,
                TunisiaDocument.businessRegister,
                TunisiaDocument.businessTaxReceipt,
                TunisiaDocument.spaceSketch,
            ],
            responseDays: 15,
            extensionDays: 10,
            fee: "0",
            currency: "TND"
        ),
        DemoService(
            code: "property-tax-certificate",
            kind: "application",
            department: "finances",
            name: Trilingual(
                ar: "شهادة في خلاص المعلوم على العقارات المبنية",
                fr: "Attestation de paiement de la taxe sur les immeubles bâtis",
                en: "Certificate of payment of the property tax on buildings"
            ),
            description: Trilingual(
                ar: "تثبت خلاص المعلوم على عقار مبني إلى موفى السنة "
                    + "الجارية، وتطلب خاصة عند بيع العقار أو لإيداع ملف "
                    + "رخصة بناء. يطلبها المالك أو من ينوبه.",
                fr: "Atteste que la taxe sur les immeubles bâtis d'un bien est payée jusqu'à l'année en "
                    + "cours ; elle est exigée notamment pour une vente ou un permis de bâtir. Le "
                    + "propriétaire ou son mandataire la demande.",
                en: "Certifies that the property tax on a building has been paid up to the current year; it "
                    + "is needed in particular to sell the property or to apply for a building permit. The "
                    + "owner or their representative applies."
            ),
            requiredDocuments: [
                TunisiaDocument.cin,
                TunisiaDocument.titleDeed,
                TunisiaDocument.lastTaxReceipt,
            ],
            responseDays: 3,
            extensionDays: 2,
            fee: "2.000",
            currency: "TND"
        ),
        DemoService(
            code: "complaint-public-lighting",
            kind: "complaint",
            department: "relations-citoyens",
            name: Trilingual(
                ar: "شكوى تتعلق بالتنوير العمومي",
                fr: "Réclamation relative à l'éclairage public",
                en: "Complaint about street lighting"
            ),
            description: Trilingual(
                ar: "للإعلام عن عمود تنوير معطب أو نهج غير منار. يكفي "
                    + "تحديد المكان بدقة، وتتولى المصالح الفنية "
                    + "المعاينة والإصلاح وإعلام المشتكي بالنتيجة.",
                fr: "Pour signaler un lampadaire en panne ou une rue non éclairée. Il suffit d'indiquer le "
                    + "lieu avec précision ; les services techniques constatent, réparent et informent le "
                    + "réclamant du résultat.",
                en: "Report a broken street lamp or an unlit street. Give the exact location; the technical "
                    + "services inspect, repair and tell you the outcome."
            ),
            requiredDocuments: [],
            responseDays: 10,
            extensionDays: 5,
            fee: "0",
            currency: "TND"
        ),
        DemoService(
            code: "complaint-waste-collection",
            kind: "complaint",
            department: "hygiene",
            name: Trilingual(
                ar: "شكوى تتعلق برفع الفضلات المنزلية",
                fr: "Réclamation relative à la collecte des ordures ménagères",
                en: "Complaint about household waste collection"
            ),
            description: Trilingual(
                ar: "للإعلام عن فضلات غير مرفوعة أو حاوية ممتلئة أو "
                    + "مصب عشوائي. تتدخل مصالح النظافة وتعلم المشتكي "
                    + "بما تم اتخاذه.",
                fr: "Pour signaler des ordures non ramassées, un conteneur plein ou un dépôt sauvage. Les "
                    + "services de propreté interviennent et informent le réclamant des suites données.",
                en: "Report uncollected rubbish, an overflowing bin or illegal dumping. The cleaning services "
                    + "act and tell you what was done."
            ),
            requiredDocuments: [],
            responseDays: 10,
            extensionDays: 5,
            fee: "0",
            currency: "TND"
        ),
        DemoService(
            code: "complaint-unauthorised-building",
            kind: "complaint",
            department: "urbanisme",
            name: Trilingual(
                ar: "شكوى تتعلق ببناء دون رخصة",
                fr: "Signalement d'une construction sans permis",
                en: "Complaint about building work without a permit"
            ),
            description: Trilingual(
                ar: "للإعلام عن أشغال بناء دون رخصة أو مخالفة للرخصة "
                    + "المسندة. تعاين المصالح المختصة المخالفة وتحرر "
                    + "محضرا عند الاقتضاء، ويعلم المشتكي بالإجراءات "
                    + "المتخذة.",
                fr: "Pour signaler des travaux sans permis ou non conformes au permis délivré. Les services "
                    + "compétents constatent l'infraction, dressent procès-verbal s'il y a lieu et informent "
                    + "le réclamant des mesures prises.",
                en: "Report building work without a permit or not matching the permit granted. The competent "
                    + "services inspect, record the offence where needed and tell you what action was taken."
            ),
            requiredDocuments: [],
            responseDays: 15,
            extensionDays: 10,
            fee: "0",
            currency: "TND"
        ),
        DemoService(
            code: "petition-council",
            kind: "petition",
            department: "relations-citoyens",
            name: Trilingual(
                ar: "عريضة إلى المجلس البلدي",
                fr: "Pétition au conseil municipal",
                en: "Petition to the municipal council"
            ),
            description: Trilingual(
                ar: "تمكن المتساكنين من مطالبة المجلس البلدي بإدراج "
                    + "مسألة تهم الشأن المحلي في جدول أعماله. تنشر "
                    + "العريضة لجمع الإمضاءات، وتحال على المجلس عند "
                    + "بلوغ العدد المطلوب.",
                fr: "Permet aux habitants de demander au conseil municipal d'inscrire à son ordre du jour "
                    + "une question d'intérêt local. La pétition est publiée pour recueillir des signatures "
                    + "et transmise au conseil une fois le nombre requis atteint.",
                en: "Lets residents ask the municipal council to put a local matter on its agenda. The "
                    + "petition is published to collect signatures and goes to the council once it reaches the "
                    + "required number."
            ),
            requiredDocuments: [TunisiaDocument.cin, TunisiaDocument.petitionText],
            responseDays: 60,
            extensionDays: 30,
            fee: "0",
            currency: "TND"
        ),
        // Organic law 2016-22 gives 20 days, counted in calendar days, and Guichet counts working days:
        // 14 working days is the longest delay that stays within 20 calendar days whatever the weekday of
        // submission (holidays aside). The law provides no extension, hence 0.
        DemoService(
            code: "access-to-information",
            kind: "information_request",
            department: "relations-citoyens",
            name: Trilingual(
                ar: "مطلب نفاذ إلى المعلومة",
                fr: "Demande d'accès à l'information",
                en: "Access to information request"
            ),
            description: Trilingual(
                ar: "لكل شخص الحق في النفاذ إلى المعلومات التي تحوزها "
                    + "البلدية طبقا للقانون الأساسي عدد 22 لسنة 2016. يرد "
                    + "على المطلب في أجل أقصاه عشرون يوما، والنفاذ "
                    + "مجاني باستثناء كلفة النسخ.",
                fr: "Toute personne a le droit d'accéder aux informations détenues par la municipalité, "
                    + "selon la loi organique n° 2016-22. La réponse est donnée dans un délai de vingt "
                    + "jours au plus ; l'accès est gratuit, hors frais de reproduction.",
                en: "Anyone may obtain information held by the municipality under Organic Law 2016-22. An "
                    + "answer is due within twenty days at most; access is free apart from copying costs."
            ),
            requiredDocuments: [TunisiaDocument.informationRequest],
            responseDays: 14,
            extensionDays: 0,
            fee: "0",
            currency: "TND"
        ),
        DemoService(
            code: "suggestion",
            kind: "suggestion",
            department: "relations-citoyens",
            name: Trilingual(
                ar: "مقترح لتحسين الخدمات البلدية",
                fr: "Suggestion d'amélioration des services municipaux",
                en: "Suggestion to improve municipal services"
            ),
            description: Trilingual(
                ar: "لكل متساكن أن يقترح فكرة لتحسين الخدمات أو "
                    + "الفضاءات العمومية. يدرس مكتب العلاقات مع "
                    + "المواطن المقترح ويعلم صاحبه بمآله.",
                fr: "Tout habitant peut proposer une idée pour améliorer les services ou les espaces "
                    + "publics. Le bureau des relations avec le citoyen l'étudie et informe son auteur des "
                    + "suites données.",
                en: "Any resident may propose an idea to improve services or public spaces. The citizen "
                    + "relations office studies it and tells the author what became of it."
            ),
            requiredDocuments: [],
            responseDays: 30,
            extensionDays: 10,
            fee: "0",
            currency: "TND"
        ),
    ]

    /// Names of Tunisia's public holidays.
    enum TunisiaHoliday {
        static let newYear = Trilingual(
            ar: "رأس السنة الميلادية",
            fr: "Jour de l'An",
            en: "New Year's Day"
        )
        static let independence = Trilingual(
            ar: "عيد الاستقلال",
            fr: "Fête de l'Indépendance",
            en: "Independence Day"
        )
        static let independenceAndEidAlFitr = Trilingual(
            ar: "عيد الاستقلال وعيد الفطر",
            fr: "Fête de l'Indépendance et Aïd El Fitr",
            en: "Independence Day and Eid al-Fitr"
        )
        static let martyrs = Trilingual(ar: "عيد الشهداء", fr: "Journée des Martyrs", en: "Martyrs' Day")
        static let labour = Trilingual(ar: "عيد الشغل", fr: "Fête du Travail", en: "Labour Day")
        static let republic = Trilingual(
            ar: "عيد الجمهورية",
            fr: "Fête de la République",
            en: "Republic Day"
        )
        static let women = Trilingual(
            ar: "العيد الوطني للمرأة",
            fr: "Fête nationale de la Femme",
            en: "National Women's Day"
        )
        static let evacuation = Trilingual(ar: "عيد الجلاء", fr: "Fête de l'Évacuation", en: "Evacuation Day")
        static let revolution = Trilingual(ar: "عيد الثورة", fr: "Fête de la Révolution", en: "Revolution Day")
        static let eidAlFitr = Trilingual(ar: "عيد الفطر", fr: "Aïd El Fitr", en: "Eid al-Fitr")
        static let eidAlFitrDay2 = Trilingual(
            ar: "عيد الفطر (اليوم الثاني)",
            fr: "Aïd El Fitr (2e jour)",
            en: "Eid al-Fitr (second day)"
        )
        static let eidAlFitrDay3 = Trilingual(
            ar: "عيد الفطر (اليوم الثالث)",
            fr: "Aïd El Fitr (3e jour)",
            en: "Eid al-Fitr (third day)"
        )
        static let eidAlAdha = Trilingual(ar: "عيد الأضحى", fr: "Aïd El Idha", en: "Eid al-Adha")
        static let eidAlAdhaDay2 = Trilingual(
            ar: "عيد الأضحى (اليوم الثاني)",
            fr: "Aïd El Idha (2e jour)",
            en: "Eid al-Adha (second day)"
        )
        static let islamicNewYear = Trilingual(
            ar: "رأس السنة الهجرية",
            fr: "Nouvel An de l'Hégire",
            en: "Islamic New Year"
        )
        static let mawlid = Trilingual(
            ar: "المولد النبوي الشريف",
            fr: "Mouled (anniversaire du Prophète)",
            en: "Prophet's Birthday (Mawlid)"
        )
    }

    /// Documents asked for by the Tunis guide.
    enum TunisiaDocument {
        static let cin = Trilingual(
            ar: "بطاقة التعريف الوطنية",
            fr: "Carte d'identité nationale (CIN)",
            en: "National identity card (CIN)"
        )
        static let cinOrPassport = Trilingual(
            ar: "بطاقة التعريف الوطنية أو جواز سفر ساري المفعول",
            fr: "Carte d'identité nationale ou passeport en cours de validité",
            en: "National identity card or valid passport"
        )
        static let familyBooklet = Trilingual(ar: "دفتر العائلة", fr: "Livret de famille", en: "Family booklet")
        static let documentToSign = Trilingual(
            ar: "الوثيقة المراد التعريف بالإمضاء عليها، غير "
                + "ممضاة",
            fr: "Le document à légaliser, non encore signé",
            en: "The document to be signed, not yet signed"
        )
        static let original = Trilingual(
            ar: "الوثيقة الأصلية",
            fr: "Le document original",
            en: "The original document"
        )
        static let copies = Trilingual(
            ar: "النسخ المراد الإشهاد بمطابقتها للأصل",
            fr: "Les copies à certifier",
            en: "The copies to be certified"
        )
        static let requestToMayor = Trilingual(
            ar: "مطلب باسم رئيس البلدية",
            fr: "Demande adressée au président de la municipalité",
            en: "Application addressed to the mayor"
        )
        static let titleDeed = Trilingual(
            ar: "شهادة ملكية أو ما يثبت حق التصرف في العقار",
            fr: "Certificat de propriété ou titre justifiant la jouissance du terrain",
            en: "Title deed or proof of the right to use the land"
        )
        static let architectPlans = Trilingual(
            ar: "أمثلة معمارية ممضاة من مهندس معماري (4 نسخ)",
            fr: "Plans d'architecture signés par un architecte (4 exemplaires)",
            en: "Architectural plans signed by an architect (4 copies)"
        )
        static let sitePlans = Trilingual(
            ar: "مثال الموقع ومثال الكتلة",
            fr: "Plan de situation et plan de masse",
            en: "Location plan and site plan"
        )
        static let propertyTaxReceipt = Trilingual(
            ar: "وصل خلاص المعلوم على العقارات المبنية أو غير "
                + "المبنية",
            fr: "Quittance de la taxe sur les immeubles bâtis ou les terrains non bâtis",
            en: "Receipt of payment of the local property tax (built or unbuilt land)"
        )
        static let permitCopy = Trilingual(
            ar: "نسخة من رخصة البناء",
            fr: "Copie du permis de bâtir",
            en: "Copy of the building permit"
        )
        static let completionDeclaration = Trilingual(
            ar: "تصريح بانتهاء الأشغال ممضى من المهندس المعماري",
            fr: "Déclaration d'achèvement des travaux signée par l'architecte",
            en: "Declaration of completion of works signed by the architect"
        )
        static let buildingPhotos = Trilingual(
            ar: "صور فوتوغرافية للبناية",
            fr: "Photographies du bâtiment",
            en: "Photographs of the building"
        )
        static let businessRegister = Trilingual(
            ar: "مضمون من السجل الوطني للمؤسسات",
            fr: "Extrait du Registre national des entreprises (RNE)",
            en: "Extract from the National Business Register (RNE)"
        )
        static let businessTaxReceipt = Trilingual(
            ar: "وصل خلاص المعلوم على المؤسسات ذات الصبغة "
                + "الصناعية أو التجارية أو المهنية",
            fr: "Quittance de la taxe sur les établissements industriels, commerciaux ou professionnels "
                + "(TCL)",
            en: "Receipt of payment of the local business tax (TCL)"
        )
        static let spaceSketch = Trilingual(
            ar: "رسم بياني للمساحة المطلوب إشغالها",
            fr: "Croquis de l'emplacement demandé",
            en: "Sketch of the space requested"
        )
        static let lastTaxReceipt = Trilingual(
            ar: "آخر وصل خلاص للمعلوم على العقارات المبنية",
            fr: "Dernière quittance de la taxe sur les immeubles bâtis",
            en: "Last receipt of the property tax on buildings"
        )
        static let petitionText = Trilingual(
            ar: "نص العريضة وموضوعها",
            fr: "Texte et objet de la pétition",
            en: "The text and purpose of the petition"
        )
        static let informationRequest = Trilingual(
            ar: "مطلب كتابي يتضمن الاسم واللقب والعنوان وبيان "
                + "المعلومة المطلوبة",
            fr: "Demande écrite indiquant nom, prénom, adresse et information demandée",
            en: "Written request giving your name, address and the information sought"
        )
    }
}

// MARK: - Tétouan

extension DemoCatalogue {
    /// Commune de Tétouan: weekend Saturday and Sunday, like the Moroccan public service.
    static let tetouan = DemoOffice(
        code: "TET",
        name: Trilingual(
            ar: "جماعة تطوان",
            fr: "Commune de Tétouan",
            en: "Municipality of Tetouan"
        ),
        timezone: "Africa/Casablanca",
        weekendDays: [6, 7],
        petitionThreshold: 200,
        petitionPeriodDays: 60,
        holidays: tetouanHolidays,
        departments: tetouanDepartments,
        services: tetouanServices
    )

    /// Morocco's public holidays for 2026 and 2027: the fixed national days, including Yennayer
    /// (official since 2024) and Aïd Al Wahda on 31 October (decree 2.25.1140, from 2026), and the
    /// Islamic feasts (Eid al-Fitr and Eid al-Adha two days each, 1 Muharram, the Mawlid two days).
    static let tetouanHolidays: [DemoHoliday] = [
        // 2026
        DemoHoliday(date: "2026-01-01", name: MoroccoHoliday.newYear),
        DemoHoliday(date: "2026-01-11", name: MoroccoHoliday.independenceManifesto),
        DemoHoliday(date: "2026-01-14", name: MoroccoHoliday.amazighNewYear),
        DemoHoliday(date: "2026-03-20", name: MoroccoHoliday.eidAlFitr),  // 1 Shawwal 1447, expected
        DemoHoliday(date: "2026-03-21", name: MoroccoHoliday.eidAlFitrDay2),  // 2 Shawwal 1447
        DemoHoliday(date: "2026-05-01", name: MoroccoHoliday.labour),
        DemoHoliday(date: "2026-05-27", name: MoroccoHoliday.eidAlAdha),  // 10 Dhu al-Hijjah 1447, expected
        DemoHoliday(date: "2026-05-28", name: MoroccoHoliday.eidAlAdhaDay2),  // 11 Dhu al-Hijjah 1447
        DemoHoliday(date: "2026-06-17", name: MoroccoHoliday.firstOfMuharram),  // 1 Muharram 1448, expected
        DemoHoliday(date: "2026-07-30", name: MoroccoHoliday.throne),
        DemoHoliday(date: "2026-08-14", name: MoroccoHoliday.ouedEddahab),
        DemoHoliday(date: "2026-08-20", name: MoroccoHoliday.revolutionOfTheKingAndThePeople),
        DemoHoliday(date: "2026-08-21", name: MoroccoHoliday.youth),
        DemoHoliday(date: "2026-08-26", name: MoroccoHoliday.mawlid),  // 12 Rabi' al-Awwal 1448, expected
        DemoHoliday(date: "2026-08-27", name: MoroccoHoliday.mawlidDay2),  // 13 Rabi' al-Awwal 1448
        DemoHoliday(date: "2026-10-31", name: MoroccoHoliday.unity),
        DemoHoliday(date: "2026-11-06", name: MoroccoHoliday.greenMarch),
        DemoHoliday(date: "2026-11-18", name: MoroccoHoliday.independence),
        // 2027
        DemoHoliday(date: "2027-01-01", name: MoroccoHoliday.newYear),
        DemoHoliday(date: "2027-01-11", name: MoroccoHoliday.independenceManifesto),
        DemoHoliday(date: "2027-01-14", name: MoroccoHoliday.amazighNewYear),
        DemoHoliday(date: "2027-03-10", name: MoroccoHoliday.eidAlFitr),  // 1 Shawwal 1448, expected
        DemoHoliday(date: "2027-03-11", name: MoroccoHoliday.eidAlFitrDay2),  // 2 Shawwal 1448
        DemoHoliday(date: "2027-05-01", name: MoroccoHoliday.labour),
        DemoHoliday(date: "2027-05-17", name: MoroccoHoliday.eidAlAdha),  // 10 Dhu al-Hijjah 1448, expected
        DemoHoliday(date: "2027-05-18", name: MoroccoHoliday.eidAlAdhaDay2),  // 11 Dhu al-Hijjah 1448
        DemoHoliday(date: "2027-06-06", name: MoroccoHoliday.firstOfMuharram),  // 1 Muharram 1449, expected
        DemoHoliday(date: "2027-07-30", name: MoroccoHoliday.throne),
        DemoHoliday(date: "2027-08-14", name: MoroccoHoliday.ouedEddahab),
        DemoHoliday(date: "2027-08-15", name: MoroccoHoliday.mawlid),  // 12 Rabi' al-Awwal 1449, expected
        DemoHoliday(date: "2027-08-16", name: MoroccoHoliday.mawlidDay2),  // 13 Rabi' al-Awwal 1449
        DemoHoliday(date: "2027-08-20", name: MoroccoHoliday.revolutionOfTheKingAndThePeople),
        DemoHoliday(date: "2027-08-21", name: MoroccoHoliday.youth),
        DemoHoliday(date: "2027-10-31", name: MoroccoHoliday.unity),
        DemoHoliday(date: "2027-11-06", name: MoroccoHoliday.greenMarch),
        DemoHoliday(date: "2027-11-18", name: MoroccoHoliday.independence),
    ]

    /// Departments of the office; every service names one of these codes.
    static let tetouanDepartments: [DemoDepartment] = [
        DemoDepartment(
            code: "etat-civil",
            name: Trilingual(ar: "الحالة المدنية", fr: "État civil", en: "Civil status")
        ),
        DemoDepartment(
            code: "urbanisme",
            name: Trilingual(ar: "التعمير", fr: "Urbanisme", en: "Urban planning")
        ),
        DemoDepartment(
            code: "relations-citoyens",
            name: Trilingual(
                ar: "العلاقات مع المواطنين",
                fr: "Relations avec les citoyens",
                en: "Citizen relations"
            )
        ),
        DemoDepartment(
            code: "hygiene",
            name: Trilingual(
                ar: "المكتب الجماعي لحفظ الصحة",
                fr: "Bureau communal d'hygiène",
                en: "Municipal hygiene office"
            )
        ),
        DemoDepartment(
            code: "finances",
            name: Trilingual(
                ar: "الجبايات المحلية",
                fr: "Fiscalité locale",
                en: "Local taxation"
            )
        ),
    ]

    /// The service guide, in MAD.
    static let tetouanServices: [DemoService] = [
        DemoService(
            code: "birth-certificate",
            kind: "application",
            department: "etat-civil",
            name: Trilingual(
                ar: "نسخة موجزة من رسم الولادة",
                fr: "Extrait d'acte de naissance",
                en: "Birth certificate extract"
            ),
            description: Trilingual(
                ar: "نسخة موجزة من رسم ولادة مسجل بسجلات الحالة "
                    + "المدنية لجماعة تطوان. تسلم بالشباك في اليوم نفسه "
                    + "لصاحب الرسم أو أصوله أو فروعه أو زوجه أو من ينوب "
                    + "عنهم.",
                fr: "Extrait d'un acte de naissance inscrit aux registres de l'état civil de Tétouan. Il "
                    + "est délivré au guichet le jour même au titulaire, à ses ascendants, descendants ou "
                    + "conjoint, ou à leur mandataire.",
                en: "Extract of a birth record held in the Tetouan civil status registers. It is issued at "
                    + "the counter on the same day to the holder, their parents, children or spouse, or their "
                    + "representative."
            ),
            requiredDocuments: [MoroccoDocument.cnie, MoroccoDocument.recordReferences],
            responseDays: 0,
            extensionDays: 1,
            fee: "2.00",
            currency: "MAD"
        ),
        DemoService(
            code: "birth-certificate-full-copy",
            kind: "application",
            department: "etat-civil",
            name: Trilingual(
                ar: "نسخة كاملة من رسم الولادة",
                fr: "Copie intégrale d'acte de naissance",
                en: "Full copy of a birth record"
            ),
            description: Trilingual(
                ar: "نسخة من رسم الولادة بجميع بياناته الهامشية، "
                    + "تطلب خاصة لملفات الزواج والجنسية. تسلم لصاحب "
                    + "الرسم أو أصوله أو فروعه أو زوجه في يوم العمل "
                    + "الموالي.",
                fr: "Copie de l'acte de naissance avec toutes ses mentions marginales, demandée notamment "
                    + "pour un dossier de mariage ou de nationalité. Elle est remise au titulaire, à ses "
                    + "ascendants, descendants ou conjoint le jour ouvrable suivant.",
                en: "Copy of the birth record with all its marginal notes, needed in particular for marriage "
                    + "or nationality files. It is given to the holder, their parents, children or spouse on "
                    + "the next working day."
            ),
            requiredDocuments: [MoroccoDocument.cnie, MoroccoDocument.familyBooklet],
            responseDays: 1,
            extensionDays: 2,
            fee: "2.00",
            currency: "MAD"
        ),
        DemoService(
            code: "death-certificate",
            kind: "application",
            department: "etat-civil",
            name: Trilingual(
                ar: "نسخة من رسم الوفاة",
                fr: "Extrait d'acte de décès",
                en: "Death certificate extract"
            ),
            description: Trilingual(
                ar: "نسخة من رسم وفاة مسجل بسجلات الحالة المدنية "
                    + "لجماعة تطوان. يطلبها أحد أقارب المتوفى أو ذوي "
                    + "حقوقه، وتسلم بالشباك في اليوم نفسه.",
                fr: "Extrait d'un acte de décès inscrit aux registres de l'état civil de Tétouan. Il est "
                    + "demandé par un proche ou un ayant droit du défunt et délivré au guichet le jour "
                    + "même.",
                en: "Extract of a death record held in the Tetouan civil status registers. A relative or heir "
                    + "of the deceased may request it; it is issued at the counter on the same day."
            ),
            requiredDocuments: [MoroccoDocument.cnie, MoroccoDocument.deceasedRecord],
            responseDays: 0,
            extensionDays: 1,
            fee: "2.00",
            currency: "MAD"
        ),
        DemoService(
            code: "signature-legalisation",
            kind: "application",
            department: "etat-civil",
            name: Trilingual(
                ar: "تصحيح الإمضاء",
                fr: "Légalisation de signature",
                en: "Signature legalisation"
            ),
            description: Trilingual(
                ar: "يوقع المعني بالأمر الوثيقة شخصيا أمام الموظف "
                    + "المكلف الذي يشهد بصحة الإمضاء. تنجز الخدمة فورا.",
                fr: "L'intéressé signe le document en personne devant le fonctionnaire habilité, qui en "
                    + "certifie la signature. La prestation est immédiate.",
                en: "You sign the document in person before the authorised official, who certifies the "
                    + "signature. It is done on the spot."
            ),
            requiredDocuments: [MoroccoDocument.cnie, MoroccoDocument.documentToSign],
            responseDays: 0,
            extensionDays: 1,
            fee: "2.00",
            currency: "MAD"
        ),
        DemoService(
            code: "certified-copy",
            kind: "application",
            department: "etat-civil",
            name: Trilingual(
                ar: "الإشهاد على مطابقة النسخ لأصولها",
                fr: "Certification conforme de copies",
                en: "Certified true copy"
            ),
            description: Trilingual(
                ar: "يشهد الموظف المكلف بمطابقة نسخ وثيقة لأصلها بعد "
                    + "الاطلاع عليه. تنجز الخدمة فورا، ويؤدى الرسم عن "
                    + "كل نسخة.",
                fr: "Le fonctionnaire habilité certifie, au vu de l'original, que les copies d'un document "
                    + "lui sont conformes. La prestation est immédiate ; le droit est dû par copie.",
                en: "The authorised official checks the original and certifies that the copies match it. It "
                    + "is done on the spot; the fee is per copy."
            ),
            requiredDocuments: [MoroccoDocument.original, MoroccoDocument.copies],
            responseDays: 0,
            extensionDays: 1,
            fee: "2.00",
            currency: "MAD"
        ),
        DemoService(
            code: "building-permit",
            kind: "application",
            department: "urbanisme",
            name: Trilingual(
                ar: "رخصة البناء",
                fr: "Autorisation de construire",
                en: "Building permit"
            ),
            description: Trilingual(
                ar: "رخصة وجوبية قبل كل بناء أو تغيير في بناية قائمة. "
                    + "تدرس الملف لجنة الدراسة بمشاركة الوكالة "
                    + "الحضرية، ويؤدى الرسم على عمليات البناء المحتسب "
                    + "حسب المساحة المغطاة قبل تسليم الرخصة.",
                fr: "Obligatoire avant toute construction ou modification d'un bâtiment existant. Le dossier "
                    + "est examiné par la commission d'instruction avec l'agence urbaine ; la taxe sur les "
                    + "opérations de construction, calculée sur la surface couverte, est payée avant la "
                    + "délivrance.",
                en: "Required before building anything or altering an existing building. The review committee "
                    + "examines the file with the urban agency; the construction tax, based on the covered "
                    + "floor area, is paid before the permit is issued."
            ),
            requiredDocuments: [
                MoroccoDocument.permitApplication,
                MoroccoDocument.cnie,
                MoroccoDocument.landTitle,
                MoroccoDocument.architectPlans,
                MoroccoDocument.topographicSurvey,
                MoroccoDocument.tnbReceipt,
            ],
            responseDays: 60,
            extensionDays: 30,
            fee: "0",
            currency: "MAD"
        ),
        DemoService(
            code: "occupancy-permit",
            kind: "application",
            department: "urbanisme",
            name: Trilingual(ar: "رخصة السكن", fr: "Permis d'habiter", en: "Occupancy permit"),
            description: Trilingual(
                ar: "تسلم بعد انتهاء أشغال البناء والتأكد من "
                    + "مطابقتها للتصاميم المرخصة، وهي ضرورية لربط "
                    + "المسكن بشبكتي الماء والكهرباء. يطلبها صاحب رخصة "
                    + "البناء.",
                fr: "Délivré après l'achèvement des travaux, une fois vérifiée leur conformité aux "
                    + "plans autorisés ; il est nécessaire au raccordement aux réseaux d'eau et "
                    + "d'électricité. Le titulaire de l'autorisation de construire le demande.",
                en: "Issued when the works are finished and found to match the approved plans; it is needed "
                    + "to connect the home to water and electricity. The holder of the building permit applies."
            ),
            requiredDocuments: [
                MoroccoDocument.cnie,
                MoroccoDocument.permitCopy,
                MoroccoDocument.completionCertificate,
            ],
            responseDays: 30,
            extensionDays: 15,
            fee: "0",
            currency: "MAD"
        ),
        DemoService(
            code: "demolition-permit",
            kind: "application",
            department: "urbanisme",
            name: Trilingual(
                ar: "رخصة الهدم",
                fr: "Autorisation de démolir",
                en: "Demolition permit"
            ),
            description: Trilingual(
                ar: "رخصة مسبقة لهدم بناية كليا أو جزئيا. يطلبها "
                    + "المالك أو من ينوب عنه، وتحدد الرخصة شروط السلامة "
                    + "وكيفية إزالة الأنقاض.",
                fr: "Autorisation préalable à la démolition totale ou partielle d'un bâtiment. Le "
                    + "propriétaire ou son mandataire la demande ; elle fixe les conditions de sécurité et "
                    + "d'évacuation des gravats.",
                en: "Prior authorisation to demolish all or part of a building. The owner or their "
                    + "representative applies; the permit sets the safety conditions and how the rubble is "
                    + "removed."
            ),
            requiredDocuments: [
                MoroccoDocument.cnie,
                MoroccoDocument.landTitle,
                MoroccoDocument.locationPlan,
                MoroccoDocument.buildingPhotos,
            ],
            responseDays: 30,
            extensionDays: 15,
            fee: "0",
            currency: "MAD"
        ),
        DemoService(
            code: "terrace-permit",
            kind: "application",
            department: "finances",
            name: Trilingual(
                ar: "رخصة الاحتلال المؤقت للملك العمومي الجماعي "
                    + "(شرفة مقهى)",
                fr: "Autorisation d'occupation temporaire du domaine public communal (terrasse)",
                en: "Temporary use of public space (café terrace)"
            ),
            description: Trilingual(
                ar: "ترخيص لصاحب مقهى أو مطعم بوضع طاولات وكراسي على "
                    + "الرصيف مع ترك ممر للراجلين. تؤدى إتاوة حسب "
                    + "المساحة المحتلة بالمتر المربع وفق القرار "
                    + "الجبائي للجماعة.",
                fr: "Permet à un café ou un restaurant d'installer tables et chaises sur le trottoir en "
                    + "laissant un passage aux piétons. Une redevance au mètre carré occupé est due selon "
                    + "l'arrêté fiscal de la commune.",
                en: "Lets a café or restaurant put tables and chairs on the pavement while leaving room for "
                    + "pedestrians. A fee per square metre occupied is due under the commune's tax order."
            ),
            requiredDocuments: [
                MoroccoDocument.cnie,
                MoroccoDocument.businessLicenceCopy,
                MoroccoDocument.spaceSketch,
            ],
            responseDays: 15,
            extensionDays: 10,
            fee: "0",
            currency: "MAD"
        ),
        DemoService(
            code: "tnb-certificate",
            kind: "application",
            department: "finances",
            name: Trilingual(
                ar: "شهادة أداء الرسم على الأراضي الحضرية غير "
                    + "المبنية",
                fr: "Attestation de paiement de la taxe sur les terrains urbains non bâtis",
                en: "Certificate of payment of the tax on undeveloped urban land"
            ),
            description: Trilingual(
                ar: "تثبت أداء الرسم على الأراضي الحضرية غير المبنية "
                    + "عن بقعة أرضية، ويطلبها الموثق لبيعها والجماعة "
                    + "لدراسة طلب رخصة البناء. يطلبها المالك أو من ينوب "
                    + "عنه.",
                fr: "Atteste que la TNB d'un terrain est payée ; le notaire l'exige pour la vente et la "
                    + "commune pour instruire une autorisation de construire. Le propriétaire ou son "
                    + "mandataire la demande.",
                en: "Certifies that the tax on an undeveloped urban plot has been paid; notaries need it for "
                    + "a sale and the commune for a building permit. The owner or their representative applies."
            ),
            requiredDocuments: [
                MoroccoDocument.cnie,
                MoroccoDocument.landTitle,
                MoroccoDocument.lastTnbReceipt,
            ],
            responseDays: 3,
            extensionDays: 2,
            fee: "20.00",
            currency: "MAD"
        ),
        DemoService(
            code: "business-licence",
            kind: "application",
            department: "hygiene",
            name: Trilingual(
                ar: "رخصة مزاولة نشاط تجاري أو مهني",
                fr: "Autorisation d'exercer une activité commerciale ou professionnelle",
                en: "Licence to run a shop or business premises"
            ),
            description: Trilingual(
                ar: "ترخيص لفتح محل تجاري أو مهني بعد معاينة المكتب "
                    + "الجماعي لحفظ الصحة للمحل. يطلبه صاحب النشاط قبل "
                    + "الشروع في الاستغلال.",
                fr: "Autorisation d'ouvrir un commerce ou un local professionnel, après visite du local par "
                    + "le bureau communal d'hygiène. L'exploitant la demande avant de commencer l'activité.",
                en: "Permission to open a shop or business premises after the municipal hygiene office has "
                    + "inspected them. The operator applies before starting the activity."
            ),
            requiredDocuments: [
                MoroccoDocument.cnie,
                MoroccoDocument.leaseOrTitle,
                MoroccoDocument.commercialRegister,
            ],
            responseDays: 15,
            extensionDays: 10,
            fee: "100.00",
            currency: "MAD"
        ),
        DemoService(
            code: "complaint-public-lighting",
            kind: "complaint",
            department: "relations-citoyens",
            name: Trilingual(
                ar: "شكاية بخصوص الإنارة العمومية",
                fr: "Réclamation relative à l'éclairage public",
                en: "Complaint about street lighting"
            ),
            description: Trilingual(
                ar: "للتبليغ عن عمود إنارة معطل أو شارع غير مضاء. يكفي "
                    + "تحديد المكان بدقة، وتتولى المصالح التقنية "
                    + "المعاينة والإصلاح وإخبار المشتكي بالنتيجة.",
                fr: "Pour signaler un lampadaire en panne ou une rue non éclairée. Il suffit d'indiquer le "
                    + "lieu avec précision ; les services techniques constatent, réparent et informent le "
                    + "plaignant du résultat.",
                en: "Report a broken street lamp or an unlit street. Give the exact location; the technical "
                    + "services inspect, repair and tell you the outcome."
            ),
            requiredDocuments: [],
            responseDays: 10,
            extensionDays: 5,
            fee: "0",
            currency: "MAD"
        ),
        DemoService(
            code: "complaint-waste-collection",
            kind: "complaint",
            department: "hygiene",
            name: Trilingual(
                ar: "شكاية بخصوص جمع النفايات المنزلية",
                fr: "Réclamation relative à la collecte des déchets ménagers",
                en: "Complaint about household waste collection"
            ),
            description: Trilingual(
                ar: "للتبليغ عن نفايات لم تجمع أو حاوية ممتلئة أو "
                    + "مطرح عشوائي. تتدخل مصالح النظافة أو الشركة "
                    + "المفوض لها وتخبر المشتكي بما تم اتخاذه.",
                fr: "Pour signaler des déchets non collectés, un conteneur plein ou un dépôt sauvage. Les "
                    + "services de propreté ou le délégataire interviennent et informent le plaignant des "
                    + "suites données.",
                en: "Report uncollected rubbish, an overflowing bin or illegal dumping. The cleaning services "
                    + "or the contractor act and tell you what was done."
            ),
            requiredDocuments: [],
            responseDays: 10,
            extensionDays: 5,
            fee: "0",
            currency: "MAD"
        ),
        DemoService(
            code: "complaint-roads",
            kind: "complaint",
            department: "relations-citoyens",
            name: Trilingual(
                ar: "شكاية بخصوص حالة الطرق والأرصفة",
                fr: "Réclamation relative à l'état de la voirie et des trottoirs",
                en: "Complaint about roads and pavements"
            ),
            description: Trilingual(
                ar: "للتبليغ عن حفرة أو رصيف متدهور أو بالوعة مفتوحة "
                    + "تشكل خطرا على المارة. تعاين المصالح التقنية "
                    + "المكان وتبرمج الإصلاح وتخبر المشتكي بذلك.",
                fr: "Pour signaler un nid-de-poule, un trottoir dégradé ou une bouche d'égout ouverte "
                    + "dangereuse pour les passants. Les services techniques constatent, programment la "
                    + "réparation et en informent le plaignant.",
                en: "Report a pothole, a broken pavement or an open drain that puts passers-by at risk. The "
                    + "technical services inspect, schedule the repair and let you know."
            ),
            requiredDocuments: [],
            responseDays: 15,
            extensionDays: 10,
            fee: "0",
            currency: "MAD"
        ),
        DemoService(
            code: "petition-council",
            kind: "petition",
            department: "relations-citoyens",
            name: Trilingual(
                ar: "عريضة إلى مجلس الجماعة",
                fr: "Pétition au conseil de la commune",
                en: "Petition to the municipal council"
            ),
            description: Trilingual(
                ar: "تمكن المواطنات والمواطنين المقيمين بالجماعة من "
                    + "مطالبة المجلس بإدراج نقطة تدخل في صلاحياته ضمن "
                    + "جدول أعماله، طبقا للقانون التنظيمي 113.14. تنشر "
                    + "العريضة لجمع التوقيعات، وتحال على المجلس عند "
                    + "بلوغ العدد المطلوب.",
                fr: "Permet aux citoyennes et citoyens résidant dans la commune de demander au conseil "
                    + "d'inscrire à son ordre du jour une question relevant de ses attributions, selon la loi "
                    + "organique 113-14. La pétition est publiée pour recueillir des signatures et transmise "
                    + "au conseil une fois le nombre requis atteint.",
                en: "Lets residents ask the council to put a matter within its powers on its agenda, under "
                    + "Organic Law 113-14. The petition is published to collect signatures and goes to the "
                    + "council once it reaches the required number."
            ),
            requiredDocuments: [MoroccoDocument.petitionRepresentative, MoroccoDocument.petitionText],
            responseDays: 60,
            extensionDays: 30,
            fee: "0",
            currency: "MAD"
        ),
        // Law 31-13: an answer within 20 working days, which may be extended once by the same length.
        DemoService(
            code: "access-to-information",
            kind: "information_request",
            department: "relations-citoyens",
            name: Trilingual(
                ar: "طلب الحصول على المعلومات",
                fr: "Demande d'accès à l'information",
                en: "Access to information request"
            ),
            description: Trilingual(
                ar: "لكل مواطنة ومواطن الحق في الحصول على المعلومات "
                    + "التي في حوزة الجماعة طبقا للقانون رقم 31.13. يرد "
                    + "على الطلب داخل أجل لا يتعدى عشرين يوم عمل قابلة "
                    + "للتمديد مرة واحدة، والحصول على المعلومات مجاني "
                    + "باستثناء كلفة النسخ أو الإرسال.",
                fr: "Toute citoyenne et tout citoyen peut obtenir les informations détenues par la commune, "
                    + "selon la loi n° 31-13. La réponse est donnée dans un délai de vingt jours ouvrables, "
                    + "prorogeable une fois ; l'accès est gratuit, hors frais de reproduction ou d'envoi.",
                en: "Citizens may obtain information held by the commune under Law 31-13. An answer is due "
                    + "within twenty working days, which may be extended once; access is free apart from "
                    + "copying or sending costs."
            ),
            requiredDocuments: [MoroccoDocument.informationRequestForm, MoroccoDocument.cnie],
            responseDays: 20,
            extensionDays: 20,
            fee: "0",
            currency: "MAD"
        ),
        DemoService(
            code: "suggestion",
            kind: "suggestion",
            department: "relations-citoyens",
            name: Trilingual(
                ar: "اقتراح لتحسين خدمات الجماعة",
                fr: "Suggestion d'amélioration des services de la commune",
                en: "Suggestion to improve municipal services"
            ),
            description: Trilingual(
                ar: "لكل مواطن أن يقترح فكرة لتحسين خدمات الجماعة أو "
                    + "فضاءاتها العمومية. يدرس مكتب العلاقات مع "
                    + "المواطنين الاقتراح ويخبر صاحبه بمآله.",
                fr: "Tout citoyen peut proposer une idée pour améliorer les services ou les espaces publics "
                    + "de la commune. Le bureau des relations avec les citoyens l'étudie et informe son auteur "
                    + "des suites données.",
                en: "Anyone may propose an idea to improve the commune's services or public spaces. The "
                    + "citizen relations office studies it and tells the author what became of it."
            ),
            requiredDocuments: [],
            responseDays: 30,
            extensionDays: 10,
            fee: "0",
            currency: "MAD"
        ),
    ]

    /// Names of Morocco's public holidays.
    enum MoroccoHoliday {
        static let newYear = Trilingual(
            ar: "رأس السنة الميلادية",
            fr: "Nouvel An",
            en: "New Year's Day"
        )
        static let independenceManifesto = Trilingual(
            ar: "ذكرى تقديم وثيقة الاستقلال",
            fr: "Anniversaire de la présentation du Manifeste de l'Indépendance",
            en: "Anniversary of the Independence Manifesto"
        )
        static let amazighNewYear = Trilingual(
            ar: "رأس السنة الأمازيغية",
            fr: "Nouvel An amazigh (Yennayer)",
            en: "Amazigh New Year (Yennayer)"
        )
        static let labour = Trilingual(ar: "عيد الشغل", fr: "Fête du Travail", en: "Labour Day")
        static let throne = Trilingual(ar: "عيد العرش", fr: "Fête du Trône", en: "Throne Day")
        static let ouedEddahab = Trilingual(
            ar: "ذكرى استرجاع إقليم وادي الذهب",
            fr: "Anniversaire de la récupération de Oued Eddahab",
            en: "Oued Eddahab Day"
        )
        static let revolutionOfTheKingAndThePeople = Trilingual(
            ar: "ذكرى ثورة الملك والشعب",
            fr: "Anniversaire de la Révolution du Roi et du Peuple",
            en: "Revolution of the King and the People"
        )
        static let youth = Trilingual(ar: "عيد الشباب", fr: "Fête de la Jeunesse", en: "Youth Day")
        static let unity = Trilingual(
            ar: "عيد الوحدة",
            fr: "Fête de l'Unité (Aïd Al Wahda)",
            en: "Unity Day"
        )
        static let greenMarch = Trilingual(
            ar: "ذكرى المسيرة الخضراء",
            fr: "Anniversaire de la Marche Verte",
            en: "Green March Day"
        )
        static let independence = Trilingual(
            ar: "عيد الاستقلال",
            fr: "Fête de l'Indépendance",
            en: "Independence Day"
        )
        static let eidAlFitr = Trilingual(ar: "عيد الفطر", fr: "Aïd Al Fitr", en: "Eid al-Fitr")
        static let eidAlFitrDay2 = Trilingual(
            ar: "عيد الفطر (اليوم الثاني)",
            fr: "Aïd Al Fitr (2e jour)",
            en: "Eid al-Fitr (second day)"
        )
        static let eidAlAdha = Trilingual(ar: "عيد الأضحى", fr: "Aïd Al Adha", en: "Eid al-Adha")
        static let eidAlAdhaDay2 = Trilingual(
            ar: "عيد الأضحى (اليوم الثاني)",
            fr: "Aïd Al Adha (2e jour)",
            en: "Eid al-Adha (second day)"
        )
        static let firstOfMuharram = Trilingual(
            ar: "فاتح محرم (رأس السنة الهجرية)",
            fr: "1er Moharram (Nouvel An de l'Hégire)",
            en: "1 Muharram (Islamic New Year)"
        )
        static let mawlid = Trilingual(
            ar: "عيد المولد النبوي الشريف",
            fr: "Aïd Al Mawlid Annabaoui",
            en: "Prophet's Birthday (Mawlid)"
        )
        static let mawlidDay2 = Trilingual(
            ar: "عيد المولد النبوي الشريف (اليوم الثاني)",
            fr: "Aïd Al Mawlid Annabaoui (2e jour)",
            en: "Prophet's Birthday (Mawlid, second day)"
        )
    }

    /// Documents asked for by the Tétouan guide.
    enum MoroccoDocument {
        static let cnie = Trilingual(
            ar: "البطاقة الوطنية للتعريف الإلكترونية",
            fr: "Carte nationale d'identité électronique (CNIE)",
            en: "National electronic identity card (CNIE)"
        )
        static let familyBooklet = Trilingual(
            ar: "الدفتر العائلي",
            fr: "Livret de famille",
            en: "Family booklet"
        )
        static let recordReferences = Trilingual(
            ar: "مراجع الرسم: رقمه وسنة تسجيله",
            fr: "Références de l'acte : numéro et année",
            en: "The record's references: number and year"
        )
        static let deceasedRecord = Trilingual(
            ar: "الدفتر العائلي للمتوفى أو مراجع رسم الوفاة",
            fr: "Livret de famille du défunt ou références de l'acte de décès",
            en: "The deceased's family booklet or the death record's references"
        )
        static let documentToSign = Trilingual(
            ar: "الوثيقة المراد تصحيح الإمضاء عليها، غير موقعة",
            fr: "Le document à légaliser, non encore signé",
            en: "The document to be signed, not yet signed"
        )
        static let original = Trilingual(
            ar: "الوثيقة الأصلية",
            fr: "Le document original",
            en: "The original document"
        )
        static let copies = Trilingual(
            ar: "النسخ المراد الإشهاد بمطابقتها لأصلها",
            fr: "Les copies à certifier",
            en: "The copies to be certified"
        )
        static let permitApplication = Trilingual(
            ar: "طلب رخصة البناء معبأ وموقع",
            fr: "Formulaire de demande d'autorisation de construire rempli et signé",
            en: "Completed and signed building permit application form"
        )
        static let landTitle = Trilingual(
            ar: "شهادة الملكية مسلمة من المحافظة العقارية",
            fr: "Certificat de propriété délivré par la conservation foncière",
            en: "Land title certificate from the land registry"
        )
        static let architectPlans = Trilingual(
            ar: "التصاميم المعمارية موقعة من طرف مهندس معماري",
            fr: "Plans architecturaux signés par un architecte",
            en: "Architectural plans signed by an architect"
        )
        static let topographicSurvey = Trilingual(
            ar: "تصميم طبوغرافي منجز من طرف مهندس مساح طبوغرافي",
            fr: "Plan topographique établi par un ingénieur géomètre-topographe",
            en: "Topographic survey by a licensed surveyor"
        )
        static let tnbReceipt = Trilingual(
            ar: "وصل أداء الرسم على الأراضي الحضرية غير المبنية",
            fr: "Quittance de la taxe sur les terrains urbains non bâtis (TNB)",
            en: "Receipt of payment of the tax on undeveloped urban land (TNB)"
        )
        static let permitCopy = Trilingual(
            ar: "نسخة من رخصة البناء",
            fr: "Copie de l'autorisation de construire",
            en: "Copy of the building permit"
        )
        static let completionCertificate = Trilingual(
            ar: "شهادة انتهاء الأشغال موقعة من طرف المهندس "
                + "المعماري",
            fr: "Certificat de fin des travaux signé par l'architecte",
            en: "Certificate of completion signed by the architect"
        )
        static let locationPlan = Trilingual(ar: "تصميم الموقع", fr: "Plan de situation", en: "Location plan")
        static let buildingPhotos = Trilingual(
            ar: "صور فوتوغرافية للبناية",
            fr: "Photographies du bâtiment",
            en: "Photographs of the building"
        )
        static let businessLicenceCopy = Trilingual(
            ar: "نسخة من رخصة الاستغلال",
            fr: "Copie de l'autorisation d'exploitation",
            en: "Copy of the business licence"
        )
        static let spaceSketch = Trilingual(
            ar: "رسم توضيحي للمساحة المطلوب احتلالها",
            fr: "Croquis de l'emplacement demandé",
            en: "Sketch of the space requested"
        )
        static let lastTnbReceipt = Trilingual(
            ar: "آخر وصل أداء الرسم على الأراضي الحضرية غير "
                + "المبنية",
            fr: "Dernière quittance de la TNB",
            en: "Last TNB payment receipt"
        )
        static let leaseOrTitle = Trilingual(
            ar: "عقد الكراء أو شهادة الملكية",
            fr: "Contrat de bail ou certificat de propriété",
            en: "Lease or land title certificate"
        )
        static let commercialRegister = Trilingual(
            ar: "شهادة التسجيل في السجل التجاري",
            fr: "Attestation d'inscription au registre du commerce",
            en: "Commercial register certificate"
        )
        static let petitionRepresentative = Trilingual(
            ar: "البطاقة الوطنية للتعريف الإلكترونية لوكيل "
                + "أصحاب العريضة",
            fr: "CNIE du mandataire des pétitionnaires",
            en: "CNIE of the petitioners' representative"
        )
        static let petitionText = Trilingual(
            ar: "نص العريضة وموضوعها",
            fr: "Texte et objet de la pétition",
            en: "The text and purpose of the petition"
        )
        static let informationRequestForm = Trilingual(
            ar: "مطبوع طلب الحصول على المعلومات معبأ",
            fr: "Formulaire de demande d'information rempli",
            en: "Completed information request form"
        )
    }
}
