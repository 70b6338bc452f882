<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="254"/>
        <source>Close the kiosk? Nobody can sign here until it is started again.</source>
        <translation>Fermer la borne ? Personne ne pourra signer ici avant qu&apos;elle soit redémarrée.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="263"/>
        <source>Yes, close the kiosk</source>
        <translation>Oui, fermer la borne</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="270"/>
        <source>No, keep it running</source>
        <translation>Non, la laisser ouverte</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="113"/>
        <source>%1 of %2 letters written today</source>
        <translation>%1 lettres sur %2 écrites aujourd&apos;hui</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="114"/>
        <source>%n letter(s) written today</source>
        <translation>
            <numerusform>%n lettre écrite aujourd&apos;hui</numerusform>
            <numerusform>%n lettres écrites aujourd&apos;hui</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="131"/>
        <source>Touch to write a letter</source>
        <translation>Touchez pour écrire une lettre</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="132"/>
        <source>Choose your language</source>
        <translation>Choisissez votre langue</translation>
    </message>
</context>
<context>
    <name>ConsentBox</name>
    <message>
        <location filename="../qml/Kiosk/components/ConsentBox.qml" line="46"/>
        <source>(optional)</source>
        <translation>(facultatif)</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="28"/>
        <source>Your letter for %1</source>
        <translation>Votre lettre pour %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="53"/>
        <source>Your name goes on the letter and to %1. Your email only if you tick the box for news.</source>
        <translation>Votre nom figure sur la lettre et est transmis à %1. Votre e-mail seulement si vous cochez la case pour recevoir des nouvelles.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="54"/>
        <source>Your name goes on the letter and to the organisers of this stand. Your email only if you tick the box for news.</source>
        <translation>Votre nom figure sur la lettre et est transmis aux organisateurs de ce stand. Votre e-mail seulement si vous cochez la case pour recevoir des nouvelles.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="70"/>
        <source>Given name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="76"/>
        <source>Family name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="86"/>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="93"/>
        <source>Town</source>
        <translation>Localité</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="102"/>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="120"/>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="163"/>
        <source>Email (optional, only for news)</source>
        <translation>E-mail (facultatif, seulement pour les nouvelles)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="179"/>
        <source>Your signature (optional)</source>
        <translation>Votre signature (facultative)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="194"/>
        <source>How we protect your data: %1</source>
        <translation>Comment nous protégeons vos données : %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="218"/>
        <source>Please check the fields marked in red.</source>
        <translation>Veuillez vérifier les champs en rouge.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="229"/>
        <source>See my letter</source>
        <translation>Voir ma lettre</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../qml/Kiosk/components/IdleOverlay.qml" line="72"/>
        <source>Are you still there?</source>
        <translation>Êtes-vous toujours là ?</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/IdleOverlay.qml" line="83"/>
        <source>If not, everything you typed will be erased for the next person.</source>
        <translation>Sinon, tout ce que vous avez saisi sera effacé pour la personne suivante.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/IdleOverlay.qml" line="93"/>
        <source>Yes, continue</source>
        <translation>Oui, continuer</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Kiosk/Main.qml" line="22"/>
        <source>Write a letter</source>
        <translation>Écrire une lettre</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="38"/>
        <source>The admin screen has no PIN yet</source>
        <translation>L&apos;écran d&apos;administration n&apos;a pas encore de code PIN</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="52"/>
        <source>Please ask a coordinator to set one in a terminal on this kiosk, with:</source>
        <translation>Demandez à une coordinatrice ou un coordinateur d&apos;en définir un dans un terminal de cette borne, avec :</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="127"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>PreviewScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="23"/>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="76"/>
        <source>Your letter</source>
        <translation>Votre lettre</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="106"/>
        <source>Change</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="116"/>
        <source>Confirm my signature</source>
        <translation>Confirmer ma signature</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="116"/>
        <source>Confirm and print</source>
        <translation>Confirmer et imprimer</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../qml/Kiosk/components/SignaturePad.qml" line="20"/>
        <source>Sign here with your finger (optional)</source>
        <translation>Signez ici avec le doigt (facultatif)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SignaturePad.qml" line="45"/>
        <source>Sign here</source>
        <translation>Signez ici</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SignaturePad.qml" line="110"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>StoryScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/StoryScreen.qml" line="125"/>
        <source>Sign the letter</source>
        <translation>Signer la lettre</translation>
    </message>
</context>
<context>
    <name>ThanksScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="22"/>
        <source>Your letter is printing: please pick it up at the printer and post it in the box.</source>
        <translation>Votre lettre s&apos;imprime : récupérez-la à l&apos;imprimante et déposez-la dans la boîte.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="23"/>
        <source>Your letter is in the print queue: a volunteer will make sure it is printed and sent.</source>
        <translation>Votre lettre attend d&apos;être imprimée : un·e bénévole veillera à ce qu&apos;elle soit imprimée et envoyée.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="24"/>
        <source>Your letter will be printed with the others and sent by the volunteers.</source>
        <translation>Votre lettre sera imprimée avec les autres et envoyée par les bénévoles.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="25"/>
        <source>Your letter has been saved: the volunteers will print it and send it.</source>
        <translation>Votre lettre est enregistrée : les bénévoles l&apos;imprimeront et l&apos;enverront.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="26"/>
        <source>Your signature has been recorded.</source>
        <translation>Votre signature a été enregistrée.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="39"/>
        <source>Thank you, %1!</source>
        <translation>Merci, %1 !</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="39"/>
        <source>Thank you!</source>
        <translation>Merci !</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="59"/>
        <source>%n letter(s) written today</source>
        <translation>
            <numerusform>%n lettre écrite aujourd&apos;hui</numerusform>
            <numerusform>%n lettres écrites aujourd&apos;hui</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="73"/>
        <source>Support our work</source>
        <translation>Soutenir notre travail</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="74"/>
        <source>Tell your friends</source>
        <translation>Parlez-en autour de vous</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="75"/>
        <source>Follow %1&apos;s case</source>
        <translation>Suivre le cas de %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="87"/>
        <source>Sign for %1 too, with the same details</source>
        <translation>Signer aussi pour %1, avec les mêmes coordonnées</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="100"/>
        <source>Done</source>
        <translation>Terminer</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../qml/Kiosk/components/TopBar.qml" line="29"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="10"/>
        <source>Your signature could not be saved: the kiosk cannot write its records just now (its disk may be full). Nothing you typed is lost: please ask a volunteer, then try again.</source>
        <translation>Votre signature n&apos;a pas pu être enregistrée : la borne ne peut pas écrire ses données pour le moment (son disque est peut-être plein). Rien de ce que vous avez saisi n&apos;est perdu : demandez de l&apos;aide à un·e bénévole, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="11"/>
        <source>Your signature could not be saved: this kiosk already holds a different signature under the same number. Nothing you typed is lost: please ask a volunteer.</source>
        <translation>Votre signature n&apos;a pas pu être enregistrée : la borne contient déjà une autre signature sous le même numéro. Rien de ce que vous avez saisi n&apos;est perdu : demandez de l&apos;aide à un·e bénévole.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="13"/>
        <source>Your signature could not be saved. Nothing you typed is lost: please ask a volunteer, then try again.</source>
        <translation>Votre signature n&apos;a pas pu être enregistrée. Rien de ce que vous avez saisi n&apos;est perdu : demandez de l&apos;aide à un·e bénévole, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="20"/>
        <source>Please enter your name.</source>
        <translation>Veuillez indiquer votre nom.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="21"/>
        <source>A name needs at least one letter.</source>
        <translation>Un nom contient au moins une lettre.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="22"/>
        <source>Please shorten this name.</source>
        <translation>Veuillez raccourcir ce nom.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="23"/>
        <source>Please enter your town.</source>
        <translation>Veuillez indiquer votre localité.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="24"/>
        <source>A town needs at least one letter.</source>
        <translation>Une localité contient au moins une lettre.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="25"/>
        <source>Please shorten the name of the town.</source>
        <translation>Veuillez raccourcir le nom de la localité.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="26"/>
        <source>A postal code has only letters, digits, spaces and hyphens.</source>
        <translation>Un code postal ne contient que des lettres, des chiffres, des espaces et des traits d&apos;union.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="27"/>
        <source>This postal code is too long.</source>
        <translation>Ce code postal est trop long.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="28"/>
        <source>Please choose your country from the list.</source>
        <translation>Veuillez choisir votre pays dans la liste.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="29"/>
        <source>Please check your email address: it should look like name@example.org.</source>
        <translation>Veuillez vérifier votre adresse e-mail : elle ressemble à nom@example.org.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="30"/>
        <source>This email address is too long.</source>
        <translation>Cette adresse e-mail est trop longue.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="31"/>
        <source>Tick the box below to receive news, or leave the email empty.</source>
        <translation>Cochez la case ci-dessous pour recevoir des nouvelles, ou laissez l&apos;e-mail vide.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="32"/>
        <source>To receive news, please enter your email address.</source>
        <translation>Pour recevoir des nouvelles, indiquez votre adresse e-mail.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="33"/>
        <source>Please tick this box to sign the letter.</source>
        <translation>Cochez cette case pour signer la lettre.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="34"/>
        <source>Please clear your signature and sign again.</source>
        <translation>Effacez votre signature et signez à nouveau.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="36"/>
        <source>Please check this field.</source>
        <translation>Veuillez vérifier ce champ.</translation>
    </message>
</context>
</TS>
