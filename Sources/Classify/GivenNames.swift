/// Common given names in the locales the observer meets most (EN, DE, FR, ES, IT, NL, PT, IN, JA
/// romanised), lower-cased. Public reference knowledge (national name-frequency lists), used
/// only to tell a first name from a surname or a town under an opaque key; never decisive alone.
enum GivenNames {
    static let all: Set<String> = Set("""
    james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark \
    donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary \
    nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond \
    jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian \
    keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel \
    logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis \
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley \
    kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen \
    amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet \
    catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith \
    megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail \
    alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany \
    charlotte marie kayla alexis lori oliver harry jake charlie callum connor liam mohammed amelia jessica lily \
    sophie chloe mia isla ava ella poppy freya evie ruby daisy alfie archie freddie leo oscar theo arthur \
    hans peter klaus jürgen wolfgang michael thomas andreas stefan frank uwe bernd günter horst dieter helmut werner \
    gerhard karl heinz manfred rolf jan lukas leon finn jonas felix maximilian paul elias ben luca niklas tim tobias \
    sebastian florian matthias markus christian alexander sabine petra monika ursula renate karin helga brigitte \
    ingrid gisela andrea claudia susanne birgit anja katrin kerstin nicole stefanie julia lena laura lea hannah \
    johanna sophie marie emilia mila clara greta frieda ida luise charlotte anke heike silke ute gabriele christa \
    jean pierre michel philippe alain nicolas christophe patrick daniel bernard éric eric frédéric laurent stéphane \
    olivier david sébastien julien thierry pascal françois jacques vincent antoine mathieu guillaume romain hugo \
    louis gabriel arthur jules raphaël adam lucas léo théo nathan maxime quentin thomas clément baptiste benoît \
    marie nathalie isabelle sylvie catherine françoise christine monique valérie sandrine véronique sophie céline \
    chantal nicole anne martine stéphanie julie émilie camille léa manon chloé inès jade louise alice lina emma \
    juliette aurélie élodie margaux pauline mathilde océane mélanie laetitia agathe gabrielle jacqueline brigitte \
    antonio josé manuel francisco juan david javier daniel carlos jesús alejandro miguel rafael pedro pablo ángel \
    sergio fernando jorge luis alberto álvaro adrián diego raúl enrique ramón vicente andrés joaquín santiago \
    mario hugo martín lucía maría carmen ana isabel dolores pilar josefa teresa rosa cristina paula laura marta \
    elena sara andrea raquel sofía julia irene alba silvia patricia beatriz nuria mercedes rocío concepción \
    inmaculada montserrat encarnación esther verónica eva claudia alicia marina noelia natalia lorena \
    giuseppe giovanni antonio mario luigi francesco angelo vincenzo pietro salvatore carlo franco domenico bruno \
    paolo michele giorgio aldo sergio luciano alessandro andrea marco matteo lorenzo leonardo gabriele riccardo \
    tommaso edoardo federico davide simone stefano roberto massimo fabio maurizio enrico alberto emanuele \
    giulia sofia aurora alice ginevra emma giorgia greta beatrice anna chiara francesca sara martina elena \
    valentina alessia federica silvia paola laura rosa giovanna maria lucia rita angela teresa carla donatella \
    daan sem lucas levi finn milan jesse bram noah luuk thijs lars ruben sven tim jan pieter hendrik willem kees \
    henk johannes cornelis gerrit dirk bas joost jeroen maarten sander wouter emma julia sophie tess zoë sara \
    anna eva lotte fleur lisa sanne femke anouk iris maud noor saar fenna roos esther ingrid marieke annemieke \
    joão pedro lucas gabriel matheus rafael gustavo felipe bruno guilherme enzo arthur davi heitor bernardo \
    miguel paulo luiz marcos antônio francisco carlos eduardo ricardo rodrigo thiago vinícius leonardo caio \
    ana maria francisca antônia adriana juliana márcia fernanda patrícia aline sandra camila amanda bruna \
    jéssica letícia júlia luana mariana gabriela beatriz larissa vitória helena alice laura manuela valentina \
    isadora heloísa lívia giovanna clara cecília eloá \
    aarav vihaan vivaan aditya arjun sai reyansh krishna ishaan shaurya rahul rohan amit anil sunil rajesh \
    suresh ramesh mahesh vijay sanjay ajay deepak manoj ravi arun ashok vikram karan nikhil varun akash \
    priya ananya diya saanvi aadhya pooja neha anjali kavya shreya riya divya sunita anita kavita geeta \
    lakshmi meena rekha sneha swati nisha preeti shalini deepika aishwarya ishita tanvi \
    hiroshi takashi kenji yuki haruto sota yuto hinata riku yuta kaito daiki ren shota takumi kazuki naoki \
    kenta ryota shun taro ichiro jiro satoshi makoto akira hideki tsubasa yosuke shohei kenichi \
    yui hina aoi sakura yuna mio rin akari himari mei haruka yuka ayaka misaki nanami sayaka kumiko \
    keiko yoko naoko tomoko yumiko akiko kyoko mayumi emi mai ai naomi
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
