<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="58"/>
        <source>Admin · %1 signatures today, %2 in all</source>
        <translation>Admin · %1 signatures aujourd&apos;hui, %2 en tout</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="65"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="66"/>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="88"/>
        <source>Restarted after a crash at %1</source>
        <translation>Redémarrée après une panne à %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="95"/>
        <source>Seen</source>
        <translation>Vu</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="148"/>
        <source>Wrong clock: %1</source>
        <translation>Horloge fausse : %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="153"/>
        <source>Cases</source>
        <translation>Cas</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="158"/>
        <source>%1: %2 today, %3 in all</source>
        <translation>%1 : %2 aujourd&apos;hui, %3 en tout</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="162"/>
        <source>Letters and printer</source>
        <translation>Lettres et imprimante</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="170"/>
        <source>%1 printed, %2 waiting, %3 at the printer, %4 failed</source>
        <translation>%1 imprimées, %2 en attente, %3 à l&apos;imprimante, %4 en échec</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="177"/>
        <source>%1 sealed letter(s) could not print before the kiosk stopped and were not kept. The coordinator prints them from the decrypted export (kiosk decrypt).</source>
        <translation>%1 lettre(s) scellée(s) n&apos;ont pas pu être imprimées avant l&apos;arrêt du kiosque et n&apos;ont pas été gardées. La coordination les imprime depuis l&apos;export déchiffré (kiosk decrypt).</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="184"/>
        <source>Print all waiting</source>
        <translation>Imprimer tout ce qui attend</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="185"/>
        <source>Retry failed</source>
        <translation>Réessayer les échecs</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="186"/>
        <source>Cancel failed</source>
        <translation>Annuler les échecs</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="187"/>
        <source>Test page</source>
        <translation>Page de test</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="190"/>
        <source>Delivery to the organisation</source>
        <translation>Transmission à l&apos;organisation</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="193"/>
        <source>Not set up: signatures stay on this kiosk until exported.</source>
        <translation>Non configurée : les signatures restent sur cette borne jusqu&apos;à leur export.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="194"/>
        <source>%1 waiting, %2 delivered, %3 refused. Last success: %4</source>
        <translation>%1 en attente, %2 transmises, %3 refusées. Dernier succès : %4</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="196"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="197"/>
        <source>Last error: %1</source>
        <translation>Dernière erreur : %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="199"/>
        <source>Sync now</source>
        <translation>Transmettre maintenant</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="201"/>
        <source>Event settings</source>
        <translation>Réglages de l&apos;événement</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="202"/>
        <source>Printing</source>
        <translation>Impression</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="211"/>
        <source>Print at once</source>
        <translation>Imprimer tout de suite</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="212"/>
        <source>Collect, print later</source>
        <translation>Collecter, imprimer plus tard</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="212"/>
        <source>No letters</source>
        <translation>Pas de lettres</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="218"/>
        <source>Languages offered (in this order)</source>
        <translation>Langues proposées (dans cet ordre)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="233"/>
        <source>Cases shown (in this order)</source>
        <translation>Cas présentés (dans cet ordre)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="248"/>
        <source>Ask &quot;still there?&quot; after %1 s</source>
        <translation>Demander « Toujours là ? » après %1 s</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="257"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="264"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="274"/>
        <source>Folder or USB stick, e.g. /media/usb</source>
        <translation>Dossier ou clé USB, p. ex. /media/usb</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="275"/>
        <source>Export folder</source>
        <translation>Dossier d&apos;export</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="277"/>
        <source>Export spreadsheet</source>
        <translation>Exporter un tableur</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="280"/>
        <source>Personal data</source>
        <translation>Données personnelles</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="281"/>
        <source>Names, towns and emails are erased %1 days after signing, once delivered and printed; the kiosk does it every day.</source>
        <translation>Les noms, localités et e-mails sont effacés %1 jours après la signature, une fois transmis et imprimés ; la borne le fait chaque jour.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="282"/>
        <source>Erase old personal data now</source>
        <translation>Effacer maintenant les anciennes données personnelles</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="284"/>
        <source>This kiosk</source>
        <translation>Cette borne</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="285"/>
        <source>Free disk space: %1</source>
        <translation>Espace disque libre : %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="286"/>
        <source>Database: %1</source>
        <translation>Base de données : %1</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="287"/>
        <source>Quit the kiosk</source>
        <translation>Quitter la borne</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="328"/>
        <source>Yes, erase them</source>
        <translation>Oui, les effacer</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="335"/>
        <source>No, keep them</source>
        <translation>Non, les garder</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="370"/>
        <source>Close the kiosk? Nobody can sign here until it is started again.</source>
        <translation>Fermer la borne ? Personne ne pourra signer ici avant qu&apos;elle soit redémarrée.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="379"/>
        <source>Yes, close the kiosk</source>
        <translation>Oui, fermer la borne</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="386"/>
        <source>No, keep it running</source>
        <translation>Non, la laisser ouverte</translation>
    </message>
    <message>
        <location filename="../admin.py" line="259"/>
        <source>not checked yet</source>
        <translation>pas encore vérifiée</translation>
    </message>
    <message>
        <location filename="../admin.py" line="309"/>
        <source>Working on it…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <location filename="../admin.py" line="325"/>
        <source>Test page printed.</source>
        <translation>Page de test imprimée.</translation>
    </message>
    <message>
        <location filename="../admin.py" line="330"/>
        <source>The test page was not sent. Printer: %1.</source>
        <translation>La page de test n&apos;a pas été envoyée. Imprimante : %1.</translation>
    </message>
    <message>
        <location filename="../admin.py" line="335"/>
        <source>The test page was not sent. Printer: %1 (%2).</source>
        <translation>La page de test n&apos;a pas été envoyée. Imprimante : %1 (%2).</translation>
    </message>
    <message>
        <location filename="../admin.py" line="340"/>
        <source>The test page did not print: it is %1.</source>
        <translation>La page de test ne s&apos;est pas imprimée : elle est %1.</translation>
    </message>
    <message>
        <location filename="../admin.py" line="358"/>
        <source>The waiting letters are being sent to the printer.</source>
        <translation>Les lettres en attente partent à l&apos;imprimante.</translation>
    </message>
    <message>
        <location filename="../admin.py" line="371"/>
        <source>%1 letter(s) will be printed again.</source>
        <translation>%1 lettre(s) seront imprimées à nouveau.</translation>
    </message>
    <message>
        <location filename="../admin.py" line="380"/>
        <source>%1 failed letter(s) cancelled; the signatures are kept.</source>
        <translation>%1 lettre(s) en échec annulée(s) ; les signatures sont conservées.</translation>
    </message>
    <message>
        <location filename="../admin.py" line="391"/>
        <source>Delivery started; the figures update when it is done.</source>
        <translation>Transmission lancée ; les chiffres se mettent à jour quand elle est finie.</translation>
    </message>
    <message>
        <location filename="../admin.py" line="409"/>
        <source>Nothing to erase: no delivered and printed signature is older than %1 days (%2 older ones wait for delivery or printing).</source>
        <translation>Rien à effacer : aucune signature transmise et imprimée n&apos;a plus de %1 jours (%2 plus anciennes attendent la transmission ou l’impression).</translation>
    </message>
    <message>
        <location filename="../admin.py" line="415"/>
        <source>Erase the names, towns, emails and drawn signatures of %1 signature(s) older than %2 days? They are delivered and printed; the counts stay. This cannot be undone.</source>
        <translation>Effacer les noms, localités, e-mails et signatures dessinées de %1 signature(s) de plus de %2 jours ? Elles sont transmises et imprimées ; les totaux restent. C&apos;est irréversible.</translation>
    </message>
    <message>
        <location filename="../admin.py" line="441"/>
        <source>Personal data of %1 signature(s) erased; the counts stay.</source>
        <translation>Données personnelles de %1 signature(s) effacées ; les totaux restent.</translation>
    </message>
    <message>
        <location filename="../admin.py" line="465"/>
        <source>%1 signature(s) written to %2 (%3).</source>
        <translation>%1 signature(s) enregistrée(s) dans %2 (%3).</translation>
    </message>
    <message>
        <location filename="../admin.py" line="479"/>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="23"/>
        <source>Not saved: the settings file cannot be written. Check that the config folder exists and is writable (`kiosk doctor` shows where it is).</source>
        <translation>Non enregistré : le fichier des réglages ne peut pas être écrit. Vérifiez que le dossier de configuration existe et est accessible en écriture (`kiosk doctor` indique où il se trouve).</translation>
    </message>
    <message>
        <location filename="../errors.py" line="28"/>
        <source>Not saved: that value is not allowed here.</source>
        <translation>Non enregistré : cette valeur n&apos;est pas permise ici.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="32"/>
        <source>Not saved: that case is not installed on this kiosk.</source>
        <translation>Non enregistré : ce cas n&apos;est pas installé sur cette borne.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="36"/>
        <source>The signature database cannot be used. Run `kiosk doctor` at the kiosk&apos;s terminal and keep a copy of the database before anything else.</source>
        <translation>La base des signatures est inutilisable. Lancez `kiosk doctor` dans le terminal de la borne et gardez une copie de la base avant toute autre chose.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="41"/>
        <source>The export could not be written. Check that the USB stick is in, writable and has free space.</source>
        <translation>L&apos;export n&apos;a pas pu être écrit. Vérifiez que la clé USB est branchée, accessible en écriture et qu&apos;il reste de la place.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="46"/>
        <source>That folder does not exist (is the USB stick in?).</source>
        <translation>Ce dossier n&apos;existe pas (la clé USB est-elle branchée ?).</translation>
    </message>
    <message>
        <location filename="../errors.py" line="50"/>
        <source>The printer cannot be reached. Check that it is on and connected, then try again.</source>
        <translation>L&apos;imprimante est injoignable. Vérifiez qu&apos;elle est allumée et branchée, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="54"/>
        <source>No font for the letters is installed: run ./packaging/setup.sh at the terminal.</source>
        <translation>Aucune police pour les lettres n&apos;est installée : lancez ./packaging/setup.sh dans le terminal.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="58"/>
        <source>Delivery is not set up correctly: `kiosk doctor` says what to fix.</source>
        <translation>La transmission est mal configurée : `kiosk doctor` dit quoi corriger.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="62"/>
        <source>The receiver refuses the sync address: set sync.url to the address `kiosk collect` prints (ending in /api/records). Every signature waits meanwhile.</source>
        <translation>Le destinataire refuse l&apos;adresse de transmission : mettez dans sync.url l&apos;adresse qu&apos;affiche `kiosk collect` (finissant par /api/records). En attendant, toutes les signatures restent en attente.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="67"/>
        <source>No delivery is set up (sync.target): signatures stay on this kiosk.</source>
        <translation>Aucune transmission n&apos;est configurée (sync.target) : les signatures restent sur cette borne.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="71"/>
        <source>The PIN must be digits only.</source>
        <translation>Le code PIN ne doit contenir que des chiffres.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="75"/>
        <source>The PIN must have at least 4 digits (6 or more is better).</source>
        <translation>Le code PIN doit avoir au moins 4 chiffres (6 ou plus, c&apos;est mieux).</translation>
    </message>
    <message>
        <location filename="../errors.py" line="79"/>
        <source>That PIN is too easy to guess (repeated or running digits).</source>
        <translation>Ce code PIN est trop facile à deviner (chiffres répétés ou qui se suivent).</translation>
    </message>
    <message>
        <location filename="../errors.py" line="84"/>
        <source>That did not work. Run `kiosk doctor` at the kiosk&apos;s terminal to see why.</source>
        <translation>Cela n&apos;a pas marché. Lancez `kiosk doctor` dans le terminal de la borne pour savoir pourquoi.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="93"/>
        <source>CUPS queue %1</source>
        <translation>file d&apos;impression CUPS %1</translation>
    </message>
    <message>
        <location filename="../errors.py" line="94"/>
        <source>PDF folder %1</source>
        <translation>dossier PDF %1</translation>
    </message>
    <message>
        <location filename="../errors.py" line="97"/>
        <source>ready</source>
        <translation>prête</translation>
    </message>
    <message>
        <location filename="../errors.py" line="98"/>
        <source>printing</source>
        <translation>en train d&apos;imprimer</translation>
    </message>
    <message>
        <location filename="../errors.py" line="99"/>
        <location filename="../errors.py" line="120"/>
        <source>stopped</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <location filename="../errors.py" line="100"/>
        <source>cannot be reached</source>
        <translation>injoignable</translation>
    </message>
    <message>
        <location filename="../errors.py" line="103"/>
        <source>there is no print queue of that name (check printing.printer)</source>
        <translation>aucune file d&apos;impression ne porte ce nom (vérifiez printing.printer)</translation>
    </message>
    <message>
        <location filename="../errors.py" line="106"/>
        <source>the print service (CUPS) is not running</source>
        <translation>le service d&apos;impression (CUPS) ne tourne pas</translation>
    </message>
    <message>
        <location filename="../errors.py" line="107"/>
        <source>the print service (CUPS) does not answer</source>
        <translation>le service d&apos;impression (CUPS) ne répond pas</translation>
    </message>
    <message>
        <location filename="../errors.py" line="108"/>
        <source>the queue was stopped</source>
        <translation>la file a été arrêtée</translation>
    </message>
    <message>
        <location filename="../errors.py" line="109"/>
        <source>the queue does not take letters</source>
        <translation>la file n&apos;accepte pas de lettres</translation>
    </message>
    <message>
        <location filename="../errors.py" line="110"/>
        <source>CUPS said something unexpected</source>
        <translation>CUPS a donné une réponse inattendue</translation>
    </message>
    <message>
        <location filename="../errors.py" line="111"/>
        <source>the folder cannot be made (is the USB stick in?)</source>
        <translation>le dossier ne peut pas être créé (la clé USB est-elle branchée ?)</translation>
    </message>
    <message>
        <location filename="../errors.py" line="114"/>
        <source>the folder cannot be written to</source>
        <translation>impossible d&apos;écrire dans le dossier</translation>
    </message>
    <message>
        <location filename="../errors.py" line="117"/>
        <source>still waiting</source>
        <translation>toujours en attente</translation>
    </message>
    <message>
        <location filename="../errors.py" line="118"/>
        <source>held</source>
        <translation>retenue</translation>
    </message>
    <message>
        <location filename="../errors.py" line="119"/>
        <source>still printing</source>
        <translation>toujours en cours d&apos;impression</translation>
    </message>
    <message>
        <location filename="../errors.py" line="121"/>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <location filename="../errors.py" line="122"/>
        <source>given up by the printer</source>
        <translation>abandonnée par l&apos;imprimante</translation>
    </message>
    <message>
        <location filename="../errors.py" line="123"/>
        <source>unknown to CUPS</source>
        <translation>inconnue de CUPS</translation>
    </message>
    <message>
        <location filename="../errors.py" line="126"/>
        <source>the clock says %1, before this kiosk version was released (%2): set the date and time (%3 with a network, or %4). Signatures taken meanwhile keep that wrong date.</source>
        <translation>l&apos;horloge indique %1, avant la sortie de cette version du kiosque (%2) : réglez la date et l&apos;heure (%3 avec un réseau, ou %4). Les signatures prises entre-temps gardent cette date erronée.</translation>
    </message>
    <message>
        <location filename="../errors.py" line="131"/>
        <source>the clock says %1, more than two years after this kiosk version was released (%2): if that is wrong, set the date and time (%3 with a network, or %4); if it is right, update the kiosk.</source>
        <translation>l&apos;horloge indique %1, plus de deux ans après la sortie de cette version du kiosque (%2) : si c&apos;est faux, réglez la date et l&apos;heure (%3 avec un réseau, ou %4) ; si c&apos;est juste, mettez le kiosque à jour.</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="114"/>
        <source>%1 of %2 letters written today</source>
        <translation>%1 lettres sur %2 écrites aujourd&apos;hui</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="115"/>
        <source>%n letter(s) written today</source>
        <translation>
            <numerusform>%n lettre écrite aujourd&apos;hui</numerusform>
            <numerusform>%n lettres écrites aujourd&apos;hui</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="132"/>
        <source>Touch to write a letter</source>
        <translation>Touchez pour écrire une lettre</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="133"/>
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
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="64"/>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="65"/>
        <source>How we protect your data</source>
        <translation>Comment nous protégeons vos données</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="79"/>
        <source>Given name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="85"/>
        <source>Family name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="95"/>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="102"/>
        <source>Town</source>
        <translation>Localité</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="111"/>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="129"/>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="172"/>
        <source>Email (optional, only for news)</source>
        <translation>E-mail (facultatif, seulement pour les nouvelles)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="188"/>
        <source>Your signature (optional)</source>
        <translation>Votre signature (facultative)</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="217"/>
        <source>Please check the fields marked in red.</source>
        <translation>Veuillez vérifier les champs en rouge.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="228"/>
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
        <location filename="../qml/Kiosk/Main.qml" line="23"/>
        <source>Write a letter</source>
        <translation>Écrire une lettre</translation>
    </message>
</context>
<context>
    <name>NoticeSheet</name>
    <message>
        <location filename="../qml/Kiosk/components/NoticeSheet.qml" line="49"/>
        <source>How we protect your data</source>
        <translation>Comment nous protégeons vos données</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/NoticeSheet.qml" line="96"/>
        <source>Your name, town and country go on the letter and to %1; your email only if you tick the box for news. The people at this stand can tell you more about how %1 protects your data.</source>
        <translation>Votre nom, votre ville et votre pays figurent sur la lettre et sont transmis à %1 ; votre e-mail seulement si vous cochez la case pour recevoir des nouvelles. Les personnes de ce stand peuvent vous en dire plus sur la manière dont %1 protège vos données.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/NoticeSheet.qml" line="97"/>
        <source>Your name, town and country go on the letter and to the organisers of this stand; your email only if you tick the box for news. The people at this stand can tell you more about how your data is protected.</source>
        <translation>Votre nom, votre ville et votre pays figurent sur la lettre et sont transmis aux organisateurs de ce stand ; votre e-mail seulement si vous cochez la case pour recevoir des nouvelles. Les personnes de ce stand peuvent vous en dire plus sur la protection de vos données.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/NoticeSheet.qml" line="108"/>
        <source>The full notice: scan the code with your phone, or visit the address under it.</source>
        <translation>La déclaration complète : scannez le code avec votre téléphone, ou ouvrez l&apos;adresse écrite en dessous.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/NoticeSheet.qml" line="132"/>
        <source>Back to the form</source>
        <translation>Retour au formulaire</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="41"/>
        <source>The admin screen has no PIN yet</source>
        <translation>L&apos;écran d&apos;administration n&apos;a pas encore de code PIN</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="41"/>
        <source>Volunteers&apos; PIN</source>
        <translation>Code PIN des bénévoles</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="55"/>
        <source>Please ask a coordinator to set one in a terminal on this kiosk, with:</source>
        <translation>Demandez à une coordinatrice ou un coordinateur d&apos;en définir un dans un terminal de cette borne, avec :</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="91"/>
        <source>Too many wrong PINs: wait %1 s.</source>
        <translation>Trop de codes PIN erronés : attendez %1 s.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="92"/>
        <source>Wrong PIN.</source>
        <translation>Code PIN erroné.</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="114"/>
        <source>Delete</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="131"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="131"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>PreviewScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="23"/>
        <source>Confirm – printed later</source>
        <translation>Confirmer – imprimée plus tard</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="35"/>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="88"/>
        <source>Your letter</source>
        <translation>Votre lettre</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="118"/>
        <source>Change</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="24"/>
        <source>Confirm my signature</source>
        <translation>Confirmer ma signature</translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="21"/>
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
