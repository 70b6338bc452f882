<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="58"/>
        <source>Admin · %1 signatures today, %2 in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="65"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="66"/>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="88"/>
        <source>Restarted after a crash at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="95"/>
        <source>Seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="148"/>
        <source>Wrong clock: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="153"/>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="158"/>
        <source>%1: %2 today, %3 in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="162"/>
        <source>Letters and printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="170"/>
        <source>%1 printed, %2 waiting, %3 at the printer, %4 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="177"/>
        <source>%1 sealed letter(s) could not print before the kiosk stopped and were not kept. The coordinator prints them from the decrypted export (kiosk decrypt).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="184"/>
        <source>Print all waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="185"/>
        <source>Retry failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="186"/>
        <source>Cancel failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="187"/>
        <source>Test page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="190"/>
        <source>Delivery to the organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="193"/>
        <source>Not set up: signatures stay on this kiosk until exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="194"/>
        <source>%1 waiting, %2 delivered, %3 refused. Last success: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="196"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="197"/>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="199"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="201"/>
        <source>Event settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="202"/>
        <source>Printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="211"/>
        <source>Print at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="212"/>
        <source>Collect, print later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="212"/>
        <source>No letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="218"/>
        <source>Languages offered (in this order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="233"/>
        <source>Cases shown (in this order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="248"/>
        <source>Ask &quot;still there?&quot; after %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="257"/>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="264"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="274"/>
        <source>Folder or USB stick, e.g. /media/usb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="275"/>
        <source>Export folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="277"/>
        <source>Export spreadsheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="280"/>
        <source>Personal data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="281"/>
        <source>Names, towns and emails are erased %1 days after signing, once delivered and printed; the kiosk does it every day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="282"/>
        <source>Erase old personal data now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="284"/>
        <source>This kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="285"/>
        <source>Free disk space: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="286"/>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="287"/>
        <source>Quit the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="328"/>
        <source>Yes, erase them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="335"/>
        <source>No, keep them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="370"/>
        <source>Close the kiosk? Nobody can sign here until it is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="379"/>
        <source>Yes, close the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="386"/>
        <source>No, keep it running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="259"/>
        <source>not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="309"/>
        <source>Working on it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="325"/>
        <source>Test page printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="330"/>
        <source>The test page was not sent. Printer: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="335"/>
        <source>The test page was not sent. Printer: %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="340"/>
        <source>The test page did not print: it is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="358"/>
        <source>The waiting letters are being sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="371"/>
        <source>%1 letter(s) will be printed again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="380"/>
        <source>%1 failed letter(s) cancelled; the signatures are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="391"/>
        <source>Delivery started; the figures update when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="409"/>
        <source>Nothing to erase: no delivered and printed signature is older than %1 days (%2 older ones wait for delivery or printing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="415"/>
        <source>Erase the names, towns, emails and drawn signatures of %1 signature(s) older than %2 days? They are delivered and printed; the counts stay. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="441"/>
        <source>Personal data of %1 signature(s) erased; the counts stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="465"/>
        <source>%1 signature(s) written to %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../admin.py" line="479"/>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="23"/>
        <source>Not saved: the settings file cannot be written. Check that the config folder exists and is writable (`kiosk doctor` shows where it is).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="28"/>
        <source>Not saved: that value is not allowed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="32"/>
        <source>Not saved: that case is not installed on this kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="36"/>
        <source>The signature database cannot be used. Run `kiosk doctor` at the kiosk&apos;s terminal and keep a copy of the database before anything else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="41"/>
        <source>The export could not be written. Check that the USB stick is in, writable and has free space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="46"/>
        <source>That folder does not exist (is the USB stick in?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="50"/>
        <source>The printer cannot be reached. Check that it is on and connected, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="54"/>
        <source>No font for the letters is installed: run ./packaging/setup.sh at the terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="58"/>
        <source>Delivery is not set up correctly: `kiosk doctor` says what to fix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="62"/>
        <source>The receiver refuses the sync address: set sync.url to the address `kiosk collect` prints (ending in /api/records). Every signature waits meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="67"/>
        <source>No delivery is set up (sync.target): signatures stay on this kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="71"/>
        <source>The PIN must be digits only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="75"/>
        <source>The PIN must have at least 4 digits (6 or more is better).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="79"/>
        <source>That PIN is too easy to guess (repeated or running digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="84"/>
        <source>That did not work. Run `kiosk doctor` at the kiosk&apos;s terminal to see why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="93"/>
        <source>CUPS queue %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="94"/>
        <source>PDF folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="97"/>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="98"/>
        <source>printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="99"/>
        <location filename="../errors.py" line="120"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="100"/>
        <source>cannot be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="103"/>
        <source>there is no print queue of that name (check printing.printer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="106"/>
        <source>the print service (CUPS) is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="107"/>
        <source>the print service (CUPS) does not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="108"/>
        <source>the queue was stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="109"/>
        <source>the queue does not take letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="110"/>
        <source>CUPS said something unexpected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="111"/>
        <source>the folder cannot be made (is the USB stick in?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="114"/>
        <source>the folder cannot be written to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="117"/>
        <source>still waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="118"/>
        <source>held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="119"/>
        <source>still printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="121"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="122"/>
        <source>given up by the printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="123"/>
        <source>unknown to CUPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="126"/>
        <source>the clock says %1, before this kiosk version was released (%2): set the date and time (%3 with a network, or %4). Signatures taken meanwhile keep that wrong date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../errors.py" line="131"/>
        <source>the clock says %1, more than two years after this kiosk version was released (%2): if that is wrong, set the date and time (%3 with a network, or %4); if it is right, update the kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="114"/>
        <source>%1 of %2 letters written today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="115"/>
        <source>%n letter(s) written today</source>
        <translation>
            <numerusform>%n letter written today</numerusform>
            <numerusform>%n letters written today</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="132"/>
        <source>Touch to write a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="133"/>
        <source>Choose your language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentBox</name>
    <message>
        <location filename="../qml/Kiosk/components/ConsentBox.qml" line="46"/>
        <source>(optional)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="28"/>
        <source>Your letter for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="53"/>
        <source>Your name goes on the letter and to %1. Your email only if you tick the box for news.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="54"/>
        <source>Your name goes on the letter and to the organisers of this stand. Your email only if you tick the box for news.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="64"/>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="65"/>
        <source>How we protect your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="79"/>
        <source>Given name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="85"/>
        <source>Family name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="95"/>
        <source>Postal code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="102"/>
        <source>Town</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="111"/>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="129"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="172"/>
        <source>Email (optional, only for news)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="188"/>
        <source>Your signature (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="217"/>
        <source>Please check the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="228"/>
        <source>See my letter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <location filename="../qml/Kiosk/components/IdleOverlay.qml" line="72"/>
        <source>Are you still there?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/IdleOverlay.qml" line="83"/>
        <source>If not, everything you typed will be erased for the next person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/IdleOverlay.qml" line="93"/>
        <source>Yes, continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Kiosk/Main.qml" line="23"/>
        <source>Write a letter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeSheet</name>
    <message>
        <location filename="../qml/Kiosk/components/NoticeSheet.qml" line="49"/>
        <source>How we protect your data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/NoticeSheet.qml" line="96"/>
        <source>Your name, town and country go on the letter and to %1; your email only if you tick the box for news. The people at this stand can tell you more about how %1 protects your data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/NoticeSheet.qml" line="97"/>
        <source>Your name, town and country go on the letter and to the organisers of this stand; your email only if you tick the box for news. The people at this stand can tell you more about how your data is protected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/NoticeSheet.qml" line="108"/>
        <source>The full notice: scan the code with your phone, or visit the address under it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/NoticeSheet.qml" line="132"/>
        <source>Back to the form</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="41"/>
        <source>The admin screen has no PIN yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="41"/>
        <source>Volunteers&apos; PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="55"/>
        <source>Please ask a coordinator to set one in a terminal on this kiosk, with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="91"/>
        <source>Too many wrong PINs: wait %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="92"/>
        <source>Wrong PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="114"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="131"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="131"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="23"/>
        <source>Confirm – printed later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="35"/>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="88"/>
        <source>Your letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="118"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="24"/>
        <source>Confirm my signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="21"/>
        <source>Confirm and print</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../qml/Kiosk/components/SignaturePad.qml" line="20"/>
        <source>Sign here with your finger (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SignaturePad.qml" line="45"/>
        <source>Sign here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/SignaturePad.qml" line="110"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoryScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/StoryScreen.qml" line="125"/>
        <source>Sign the letter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThanksScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="22"/>
        <source>Your letter is printing: please pick it up at the printer and post it in the box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="23"/>
        <source>Your letter is in the print queue: a volunteer will make sure it is printed and sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="24"/>
        <source>Your letter will be printed with the others and sent by the volunteers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="25"/>
        <source>Your letter has been saved: the volunteers will print it and send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="26"/>
        <source>Your signature has been recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="39"/>
        <source>Thank you, %1!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="39"/>
        <source>Thank you!</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="59"/>
        <source>%n letter(s) written today</source>
        <translation>
            <numerusform>%n letter written today</numerusform>
            <numerusform>%n letters written today</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="73"/>
        <source>Support our work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="74"/>
        <source>Tell your friends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="75"/>
        <source>Follow %1&apos;s case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="87"/>
        <source>Sign for %1 too, with the same details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/ThanksScreen.qml" line="100"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../qml/Kiosk/components/TopBar.qml" line="29"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="10"/>
        <source>Your signature could not be saved: the kiosk cannot write its records just now (its disk may be full). Nothing you typed is lost: please ask a volunteer, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="11"/>
        <source>Your signature could not be saved: this kiosk already holds a different signature under the same number. Nothing you typed is lost: please ask a volunteer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="13"/>
        <source>Your signature could not be saved. Nothing you typed is lost: please ask a volunteer, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="20"/>
        <source>Please enter your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="21"/>
        <source>A name needs at least one letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="22"/>
        <source>Please shorten this name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="23"/>
        <source>Please enter your town.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="24"/>
        <source>A town needs at least one letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="25"/>
        <source>Please shorten the name of the town.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="26"/>
        <source>A postal code has only letters, digits, spaces and hyphens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="27"/>
        <source>This postal code is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="28"/>
        <source>Please choose your country from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="29"/>
        <source>Please check your email address: it should look like name@example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="30"/>
        <source>This email address is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="31"/>
        <source>Tick the box below to receive news, or leave the email empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="32"/>
        <source>To receive news, please enter your email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="33"/>
        <source>Please tick this box to sign the letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="34"/>
        <source>Please clear your signature and sign again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/Words.qml" line="36"/>
        <source>Please check this field.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
