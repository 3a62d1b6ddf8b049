/// Every message Guichet sends a citizen, in Arabic, French and English, in one place so the
/// three versions are read and corrected side by side. Messages carry the reference and a link to
/// the tracking page, never the tracking key (only its hash is kept) and nothing the public
/// timeline does not already show.
enum NotificationTexts {
    /// What a message may mention.
    struct Facts {
        var reference: String
        var serviceName: String
        /// The deadline date, already written for the reader (`jeudi 26 novembre 2026`).
        var deadline: String
        /// The short form for SMS (`26 nov. 2026`).
        var shortDeadline: String
        /// The office's public message (what is missing, why it was rejected), if any.
        var message: String?
        var link: String
    }

    /// One message in one language: an e-mail (subject and body) and an SMS text.
    struct Message: Equatable {
        var subject: String
        var body: String
        var sms: String
    }

    static func compose(_ event: NotificationEvent, language: String, _ facts: Facts) -> Message {
        let lines = text(event, language: language, facts)
        var body = lines.intro
        if let message = facts.message { body += "\n\n" + lines.messageLabel + "\n" + message }
        body += "\n\n" + lines.follow + "\n" + facts.link + "\n\n" + lines.signature + "\n"
        return Message(subject: lines.subject, body: body, sms: lines.sms + " " + facts.link)
    }

    private struct Lines {
        var subject: String
        var intro: String
        var messageLabel: String
        var sms: String
        var follow: String
        var signature: String
    }

    private static func text(_ event: NotificationEvent, language: String, _ facts: Facts) -> Lines {
        let ref = facts.reference
        let service = facts.serviceName
        switch language {
        case "ar":
            let (subject, intro, sms): (String, String, String) =
                switch event {
                case .received:
                    (
                        "تم تسجيل طلبكم \(ref)",
                        "تم تسجيل طلبكم \(ref) (\(service)). الرد في أجل أقصاه \(facts.deadline).",
                        "\(ref): تم تسجيل طلبكم. الرد في أجل أقصاه \(facts.shortDeadline)."
                    )
                case .awaitingDocuments:
                    (
                        "طلبكم \(ref): وثائق مطلوبة",
                        "يحتاج طلبكم \(ref) (\(service)) إلى معلومات أو وثائق منكم. الأجل متوقف إلى حين وصولها.",
                        "\(ref): وثائق مطلوبة. الأجل متوقف."
                    )
                case .deadlineChanged:
                    (
                        "طلبكم \(ref): أجل جديد",
                        "تغير أجل الرد على طلبكم \(ref) (\(service)). الأجل الجديد: \(facts.deadline).",
                        "\(ref): الأجل الجديد \(facts.shortDeadline)."
                    )
                case .resolved:
                    (
                        "تمت معالجة طلبكم \(ref)",
                        "تمت معالجة طلبكم \(ref) (\(service)).",
                        "\(ref): تمت معالجة طلبكم."
                    )
                case .rejected:
                    (
                        "طلبكم \(ref): تم الرفض",
                        "تم رفض طلبكم \(ref) (\(service)).",
                        "\(ref): تم رفض طلبكم."
                    )
                }
            return Lines(
                subject: subject, intro: intro, messageLabel: "رسالة المكتب:", sms: sms,
                follow: "لمتابعة طلبكم (بالمفتاح المطبوع على الوصل):", signature: "مكتب المواطن")
        case "en":
            let (subject, intro, sms): (String, String, String) =
                switch event {
                case .received:
                    (
                        "Your case \(ref) is registered",
                        "Your case \(ref) (\(service)) is registered. You will have an answer by \(facts.deadline).",
                        "\(ref): case registered. Answer by \(facts.shortDeadline)."
                    )
                case .awaitingDocuments:
                    (
                        "Your case \(ref): documents needed",
                        "Your case \(ref) (\(service)) needs information or documents from you. "
                            + "The deadline is paused until they arrive.",
                        "\(ref): documents needed. Deadline paused."
                    )
                case .deadlineChanged:
                    (
                        "Your case \(ref): new deadline",
                        "The deadline of your case \(ref) (\(service)) changed. New deadline: \(facts.deadline).",
                        "\(ref): new deadline \(facts.shortDeadline)."
                    )
                case .resolved:
                    (
                        "Your case \(ref) is resolved",
                        "Your case \(ref) (\(service)) is resolved.",
                        "\(ref): your case is resolved."
                    )
                case .rejected:
                    (
                        "Your case \(ref) was rejected",
                        "Your case \(ref) (\(service)) was rejected.",
                        "\(ref): your case was rejected."
                    )
                }
            return Lines(
                subject: subject, intro: intro, messageLabel: "Message from the office:", sms: sms,
                follow: "Follow your case (with the key printed on your receipt):", signature: "The citizen office")
        default:
            let (subject, intro, sms): (String, String, String) =
                switch event {
                case .received:
                    (
                        "Votre demande \(ref) est enregistrée",
                        "Votre demande \(ref) (\(service)) est enregistrée. Réponse au plus tard le \(facts.deadline).",
                        "\(ref) : demande enregistrée. Réponse au plus tard le \(facts.shortDeadline)."
                    )
                case .awaitingDocuments:
                    (
                        "Votre demande \(ref) : pièces à fournir",
                        "Votre demande \(ref) (\(service)) attend des informations ou des pièces de votre part. "
                            + "Le délai est suspendu jusqu'à leur réception.",
                        "\(ref) : pièces à fournir. Délai suspendu."
                    )
                case .deadlineChanged:
                    (
                        "Votre demande \(ref) : nouvelle échéance",
                        "L'échéance de votre demande \(ref) (\(service)) a changé. Nouvelle échéance : \(facts.deadline).",
                        "\(ref) : nouvelle échéance le \(facts.shortDeadline)."
                    )
                case .resolved:
                    (
                        "Votre demande \(ref) est traitée",
                        "Votre demande \(ref) (\(service)) est traitée.",
                        "\(ref) : votre demande est traitée."
                    )
                case .rejected:
                    (
                        "Votre demande \(ref) est rejetée",
                        "Votre demande \(ref) (\(service)) est rejetée.",
                        "\(ref) : votre demande est rejetée."
                    )
                }
            return Lines(
                subject: subject, intro: intro, messageLabel: "Message du bureau :", sms: sms,
                follow: "Suivre votre demande (avec la clé imprimée sur votre reçu) :",
                signature: "Le bureau des citoyens")
        }
    }
}
