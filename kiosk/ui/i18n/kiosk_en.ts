<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AdminScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="254"/>
        <source>Close the kiosk? Nobody can sign here until it is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="263"/>
        <source>Yes, close the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AdminScreen.qml" line="270"/>
        <source>No, keep it running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="113"/>
        <source>%1 of %2 letters written today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="114"/>
        <source>%n letter(s) written today</source>
        <translation>
            <numerusform>%n letter written today</numerusform>
            <numerusform>%n letters written today</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="131"/>
        <source>Touch to write a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/AttractScreen.qml" line="132"/>
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
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="70"/>
        <source>Given name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="76"/>
        <source>Family name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="86"/>
        <source>Postal code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="93"/>
        <source>Town</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="102"/>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="120"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="163"/>
        <source>Email (optional, only for news)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="179"/>
        <source>Your signature (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="194"/>
        <source>How we protect your data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="218"/>
        <source>Please check the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/FormScreen.qml" line="229"/>
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
        <location filename="../qml/Kiosk/Main.qml" line="22"/>
        <source>Write a letter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="38"/>
        <source>The admin screen has no PIN yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="52"/>
        <source>Please ask a coordinator to set one in a terminal on this kiosk, with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/components/PinPad.qml" line="127"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewScreen</name>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="23"/>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="76"/>
        <source>Your letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="106"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="116"/>
        <source>Confirm my signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/Kiosk/screens/PreviewScreen.qml" line="116"/>
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
