pragma Singleton
import QtQuick

// The sentences the screens say about a form field, by the code the core gives for it, and
// about a signature that could not be saved, by the kind of the core's error (never its text,
// which is English and meant for volunteers).
QtObject {
    function problem(kind) {
        switch (kind) {
        case "storage": return qsTr("Your signature could not be saved: the kiosk cannot write its records just now (its disk may be full). Nothing you typed is lost: please ask a volunteer, then try again.")
        case "duplicate": return qsTr("Your signature could not be saved: this kiosk already holds a different signature under the same number. Nothing you typed is lost: please ask a volunteer.")
        case "": return ""
        default: return qsTr("Your signature could not be saved. Nothing you typed is lost: please ask a volunteer, then try again.")
        }
    }


    function error(code) {
        switch (code) {
        case "name_missing": return qsTr("Please enter your name.")
        case "name_no_letter": return qsTr("A name needs at least one letter.")
        case "name_too_long": return qsTr("Please shorten this name.")
        case "town_missing": return qsTr("Please enter your town.")
        case "town_no_letter": return qsTr("A town needs at least one letter.")
        case "town_too_long": return qsTr("Please shorten the name of the town.")
        case "postal_code_invalid": return qsTr("A postal code has only letters, digits, spaces and hyphens.")
        case "postal_code_too_long": return qsTr("This postal code is too long.")
        case "country_unknown": return qsTr("Please choose your country from the list.")
        case "email_invalid": return qsTr("Please check your email address: it should look like name@example.org.")
        case "email_too_long": return qsTr("This email address is too long.")
        case "email_without_consent": return qsTr("Tick the box below to receive news, or leave the email empty.")
        case "email_needed": return qsTr("To receive news, please enter your email address.")
        case "consent_required": return qsTr("Please tick this box to sign the letter.")
        case "drawing_invalid": return qsTr("Please clear your signature and sign again.")
        case "": return ""
        default: return qsTr("Please check this field.")
        }
    }
}
