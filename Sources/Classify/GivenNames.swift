/// Common given names in the locales the observer meets most (EN, DE, FR, ES, IT, NL, PT, IN, JA
/// romanised; with fewer names TR, Arabic, PL/CZ/RU and Nordic), lower-cased. Public reference knowledge (national name-frequency lists), used
/// only to tell a first name from a surname or a town under an opaque key; never decisive alone.
enum GivenNames {
    static let all: Set<String> = words(mostCommon).union(words(nextTier))

    private static func words(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }

    /// The most frequent names of each locale.
    private static let mostCommon = """
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
    keiko yoko naoko tomoko yumiko akiko kyoko mayumi emi mai ai naomi \
    nathaniel caleb isaiah jayden aiden landon cameron wyatt julian josiah ezra asher xavier dominic mateo \
    theodore adrian jonah cole brady blake garrett derek dustin shane troy todd curtis clarence earl fred lloyd \
    melvin wesley glenn gene leroy floyd marvin clifford lester calvin dale darrell danny jimmy tommy johnny \
    eddie ricky rodney ronnie tony marcus derrick andre jamal tyrone darius malik terrence maurice reginald \
    cedric jermaine dwayne lamar victor jesus joel brent bradley seth spencer cody corey casey shawn brett marc \
    jay ray randall phillip herman warren alvin otis luther claude jerome gavin rowan silas nolan declan hayden \
    tristan emmanuel eli kathy debbie cindy tammy tina wendy dawn tracy kristin erin courtney lindsey heidi \
    holly melanie vanessa tiffany crystal monica erica veronica alyssa brianna jasmine destiny haley mackenzie \
    kaylee paige brooke allison jenna katie jenny becky peggy sally joanne joanna bonnie connie lois marjorie \
    mildred edna gladys lillian josephine lucille vera wanda norma loretta phyllis rosemary roberta sylvia \
    eileen jeanette marlene arlene darlene charlene yvonne geraldine lorraine maureen colleen sherry terri \
    rhonda jill tara stacey tonya latoya keisha ebony aaliyah imani jada kiara harper avery scarlett aria layla \
    zoey penelope riley nora stella aubrey addison leah audrey skylar caroline quinn piper willow madelyn ivy \
    gianna melody lydia rose faith vivian daniela \
    reuben jude sonny albie toby louie frankie teddy harley jenson elliot elliott finley rory ollie kian kieran \
    jamie ross stuart gareth iain alistair alasdair hamish angus euan ewan calum dougal duncan malcolm graham \
    nigel clive colin barry darren simon geoffrey cyril sidney percy leslie desmond terence alfred frederick \
    wilfred bertie reggie rhys dafydd gethin ieuan aled gwyn huw rhodri osian tomos seamus padraig eoin ciaran \
    conor niall aidan cillian oisin fionn harrison seren ffion cerys sian nia bethan carys eleri lowri elin \
    catrin sinead siobhan niamh aoife ciara roisin saoirse orla grainne caoimhe aisling eilidh kirsty morag \
    fiona shona mhairi ailsa catriona rosie sienna elsie phoebe matilda millie esme maisie imogen eliza darcie \
    darcy lottie arabella maya luna hallie robyn zara hollie gemma leanne kerry tracey gillian elaine hayley \
    bethany abbie jodie vicky zoe georgina harriet philippa pippa rosalind felicity jemima beryl doreen sheila \
    muriel gwendolyn winifred hilda mavis glenys lesley valerie bridget mandy marion annie lilly edie ada thea \
    nell mollie lola tilly caitlin shannon luke owen evan isaac stanley norman leonard harvey herbert ernest \
    howard francis ian dean craig neil gordon trevor edith mabel ethel hazel eleanor lucy claire jane ellie \
    violet \
    ralf jörg holger volker rainer reiner detlef norbert siegfried kurt otto fritz wilhelm heinrich friedrich \
    hermann ernst erich gerd gert günther gunter joachim jochen jens kai nils torsten thorsten carsten axel \
    ulrich udo harald hartmut eckhard reinhard bernhard burkhard gottfried georg johann josef franz anton alois \
    ludwig konrad lothar egon hubert erwin willi rudolf rüdiger armin olaf guido sascha marcel christoph \
    philipp moritz jakob jannik fabian dominik timo malte ole mattis emil oskar erik hannes konstantin valentin \
    benedikt lennard lennart henri linus bastian heiko maik steffen sören björn gregor wolfram ingo knut achim \
    martin stephan erika elke gudrun hildegard irmgard gertrud elfriede elisabeth margarete margot marianne \
    hannelore waltraud rosemarie inge ilse anneliese christel dagmar angelika beate bettina christiane cornelia \
    ines jutta kirsten nadine nina sonja tanja antje britta franziska katharina kathrin miriam ramona regina \
    svenja verena jana janina jasmin madeleine michaela alexandra annette astrid hedwig hertha käthe lieselotte \
    liselotte magdalena sieglinde annegret bärbel dorothea frauke gesine hanna ina leonie amelie lara nele pia \
    lotta mathilda maja alina annika klara luisa merle mira ronja romy finja jule jette malin antonia josefine \
    elisa sabrina ulrike wiebke sigrid ingeborg helene \
    andré rené georges gérard yves serge didier dominique gilles joël lionel franck fabrice hervé jérôme \
    ludovic cédric arnaud jérémy mickaël kévin alexandre adrien damien fabien grégory loïc yannick yann sylvain \
    rémi rémy denis gaston lucien marius émile fernand roland timothée aurélien tom noé sacha mathis mattéo \
    évan maël gaël kylian bastien corentin loris robin thibault thibaut marin augustin gaspard édouard armand \
    félix antonin marceau léon lenny mohamed ahmed karim mehdi rayan yanis ayoub amine ibrahim hamza sofiane \
    nabil samir rachid jeanne marguerite germaine suzanne paulette odette colette josette ginette andrée renée \
    jeannine janine josiane michèle micheline mireille évelyne claudine sylviane corinne laurence christelle \
    karine virginie delphine séverine laure hélène cécile agnès béatrice florence estelle lucie justine morgane \
    marine anaïs zoé romane ambre léna léonie éva victoire adèle élise lou louna capucine apolline héloïse \
    salomé elsa noémie maëlle clémence solène amandine coralie fanny gaëlle magali nadia fatima yasmine sonia \
    odile huguette lucienne raymonde marcelle gisèle henriette thérèse bernadette éliane arlette liliane yvette \
    geneviève ghislaine pascale \
    ignacio gonzalo rubén óscar iván víctor mariano julián emilio agustín salvador tomás gregorio domingo \
    esteban ernesto íñigo iker unai aitor asier mikel xabier jordi josep pol arnau oriol sergi nicolás izan \
    darío gael aarón héctor guillermo jaime alfonso alfredo arturo césar cristian cristóbal valentín benito \
    eusebio eugenio faustino fidel gerardo germán ismael jacinto jerónimo leandro marcelino matías moisés \
    pascual patricio ramiro teodoro adolfo aurelio celestino clemente dionisio emiliano hilario isidro jacobo \
    julio manolo paco pepe borja iago juana rosario lourdes ángela ángeles amparo consuelo soledad remedios \
    milagros asunción purificación inés susana yolanda margarita catalina esperanza eugenia rosalía trinidad \
    gregoria vicenta celia lidia olga nerea ainhoa leire maite itziar nahia aitana valeria jimena triana \
    candela abril noa mía ariadna laia mireia montse meritxell berta ester rebeca tamara vanesa estefanía \
    macarena begoña arantxa almudena marisol mari maribel mónica nieves paloma sagrario yaiza alejandra fátima \
    felisa matilde adela elvira estrella josefina leonor carlota \
    nicola filippo daniele alessio mattia samuele jacopo giacomo elia enea nicolò niccolò cesare ettore achille \
    renato renzo sandro gianni gianluca gianfranco giancarlo gianpaolo giampiero pierluigi piero dario mirko \
    ivan valerio claudio fabrizio umberto vittorio ugo attilio armando carmine ciro cosimo corrado dante egidio \
    elio ennio fausto ferdinando flavio fulvio gaetano gennaro gino giulio giuliano ignazio italo lino livio \
    lucio marcello martino massimiliano mauro orazio osvaldo ottavio pasquale raffaele remo rino rocco rolando \
    saverio silvio tiziano tullio ubaldo vito carmelo calogero raimondo adriano amedeo agostino biagio camillo \
    felice fortunato gianmarco ivano manlio nunzio oreste sebastiano valentino ezio ermanno giuseppina carmela \
    caterina antonietta antonella assunta concetta filomena franca gabriella grazia immacolata loredana luciana \
    marisa mirella patrizia raffaella rosanna rosaria rossella silvana simona stefania tiziana vincenza agnese \
    alessandra annalisa arianna benedetta bianca camilla carolina cecilia cinzia debora elisabetta eleonora \
    emanuela fabiana fiorella flavia gaia giada gina ilaria letizia lorenza lucrezia margherita michela mara \
    noemi ornella pina rachele serena viola vittoria ludovica adele amalia annunziata clelia costanza delia \
    enrica giuliana iolanda liliana mafalda marcella mariangela mariella maddalena marilena nunzia ottavia \
    pasqualina renata santina ylenia azzurra \
    piet klaas gijs stijn niels koen rik arjan martijn bart wim jos gerard arie teun sjoerd jelle siem mees \
    stan tijn boaz guus jurre floris vince dex mats joep wessel sam max roel remco edwin johan hein huub twan \
    rens tygo jacobus petrus hendrikus adrianus wilhelmus gerardus antonius theodorus franciscus nicolaas jaap \
    joris rutger frits frans leendert marinus bert gerben hidde jochem mick niek quinten sietse wiebe ruud rene \
    wilhelmina hendrika geertruida neeltje grietje aaltje jannetje petronella margaretha catharina jacoba gerda \
    ria riet tineke wilma marian ellen marjolein mirjam esmee lieke yara evi liv lynn isa jasmijn loes merel \
    demi britt jolien nienke marloes annelies hanneke janneke miranda anneke trijntje greetje jolanda marleen \
    mieke nel truus willemijn hester ilona maartje adriaan casper coen dick dries eelco evert geert gijsbert \
    ivo jelmer joop jurgen laurens lodewijk luc matthijs mathijs menno pim reinier rogier rudi sjaak thom \
    tijmen wilco youri annemarie danique dewi eline elise elles esmée evelien froukje gerdien janna jikke kiki \
    lisanne loïs maaike marjan marja mariska mariëlle mirthe myrthe nikki noortje rianne rosalie saskia sterre \
    suus \
    sebastião raimundo severino benedito joaquim geraldo manoel luís sérgio fábio márcio marcelo rogério júlio \
    cláudio maurício wagner cleber edson emerson jefferson gilberto gilmar valdir valter vagner edvaldo \
    reginaldo ronaldo rivaldo alex artur augusto benício bento cristiano danilo edgar erick fabrício flávio \
    gilson henrique igor josué juliano kaique kauã luan lucca mário murilo otávio raul renan sílvio tiago \
    valentim vítor yuri ailton arnaldo cícero damião djalma edmilson expedito genivaldo irineu jair josias \
    lázaro nivaldo rubens valdemar raimunda luzia terezinha aparecida conceição lúcia sônia rosângela rosana \
    cláudia rafaela priscila tatiane tatiana cristiane eliane débora kátia jaqueline andréia viviane natália \
    isabela alícia yasmin lavínia maitê ágatha emanuelly pietra eduarda milena thaís tereza neusa ivone solange \
    sueli zilda benedita sebastiana joana jussara leila luíza luiza madalena marli neide nilza rosilene valéria \
    vânia zélia flávia gisele mônica sílvia tânia adilson caetano célio diogo elton everaldo fabiano hélio \
    kleber mateus natan nilton rômulo ruan ulisses wanderson cauã emanuel daiane elisângela franciele graziela \
    ivete marcela marilene maristela rosimeire suelen vilma lucimar valquíria érica cíntia cleide célia clarice \
    dulce iara lígia mirian nair odete rosane selma \
    arnav ayaan dhruv kabir yash abhishek aakash ajit akhil alok aman anand aniket ankit anuj anurag arvind \
    ashish ashwin atul avinash balaji chetan dev dinesh ganesh gaurav girish gopal govind hari harish hemant \
    himanshu jagdish kamal kapil kartik kishore kunal lalit manish mohan mukesh murali naveen naresh narendra \
    nitin pankaj parth pawan pradeep prakash pramod pranav prashant praveen raghav rajeev rajiv rakesh ram \
    ravindra rishi rohit sachin sagar sameer sandeep santosh satish shankar shivam shyam siddharth sumit sundar \
    surya tarun uday umesh vaibhav vikas vinay vinod vishal vivek yogesh imran irfan salman faisal arif asif \
    aamir tariq gurpreet harpreet jaspreet manpreet venkatesh srinivas raghu karthik aanya aaradhya anika ira \
    aditi akanksha amrita anamika anushka archana arti aarti asha bhavna bhavya chitra deepa durga gauri \
    gayatri hema isha jaya jyoti kajal kamala kiran komal kriti lata madhu madhuri mamta manisha meenakshi \
    megha nandini neelam nidhi nikita nirmala padma pallavi parvati poonam pratibha priyanka puja radha radhika \
    rani rashmi renu ritu rupa sakshi sangeeta sarita seema shanti sharmila shikha shilpa shobha shruti shweta \
    simran sonal suman sushma sweta tanya uma usha vandana varsha vidya anju manju pushpa savita sapna jasmeet \
    harleen ayesha sana farah saira lavanya kavitha vaishnavi meera sita trisha ishani khushi kritika \
    hiroto minato yamato itsuki sora haruki asahi yuma soma sosuke hayato kota kotaro hiroki hiroyuki hideo \
    hideaki hisashi isamu kazuo kazuhiro kazuya kiyoshi koji koichi kentaro masahiro masaki masao masaru \
    masashi masato masayuki minoru mitsuru noboru osamu ryo ryosuke ryuji ryunosuke shigeru shinji shinichi \
    shingo shiro shuichi susumu tadashi takahiro takao takeshi takuya tatsuya tetsuya tomoya toru toshio \
    tsuyoshi yasuo yasushi yoshio yoshiaki yoshihiro yuichi yusuke yuji yukio yutaka atsushi daisuke hajime jun \
    keita keisuke kohei kosuke naoya ryuta shinya shuhei sho shunsuke taichi takeru tomohiro yuya kei akihiro \
    akio eiji hiroaki akemi asami atsuko ayako ayumi chie chieko chika chiaki chihiro emiko eri fumiko hanako \
    haruko hiroko hiromi hitomi junko kaori kana kanako kazuko kazumi kumi machiko makiko mami mariko masako \
    masami mayu megumi michiko midori miho miki minako misato mitsuko miwa miyuki momoko nana nao natsuki \
    natsumi noriko reiko rie rika rina risa ryoko sachiko saki sanae satomi setsuko shizuka sumiko tomomi \
    toshiko yasuko yoshiko yukiko yuko yumi eiko nobuko sumire tsumugi mitsuki koharu kaede yuzuki honoka hana \
    ema riko kanon miyu miu yua ichika shiori aya asuka haruna momo moe nozomi saori yoshimi shiho tomoe hikari \
    kaho airi aiko chiyo kaoru rei ayane sayuri tomoka yukari yuriko
    """

    /// The next tier: less frequent and older-generation names of the same locales, and the common names
    /// of Turkish, Arabic, Polish, Czech, Russian and Nordic speakers. Left out: names as common as
    /// surnames (checked against a list of the locales' frequent surnames), towns, regions and everyday
    /// words of tracker payloads.
    private static let nextTier = """
    aada aadya aafke aapo aart aayush abdelilah abdelkarim abderrahmane abdul abdurrahman abhay abhijit achraf \
    ad adalberto adalgisa adelheid adelina adeline adelmo adem ademir adnan adolf advait advik adéla afonso \
    afreen agata agatha agnes agnieszka agustin ahmet aicha ainara aino aisha ajinkya akane akito aksel alaa \
    alban albina alcide alcides aleksander aleksandr aleksandra aleksei aleksi alena alexandr alexey aleyna \
    alfons alicja alix alka alma almut alparslan altair alva alvaro alwin alyona amal amalie amandeep amauri \
    amaya ambrogio ambrosio amina amir amruta an anabel anacleto anagha anais anas anastasia anastasio \
    anastasiya anatole anatoly anaya anders andree andrei andreia andres andrey andrzej anezka anežka angel \
    angelica angharad angélica anirban anirudh ankita annabel annabelle anneli annemiek anni annick anouar ans \
    anselmo antoni antti anusha aparna apolonia aquilino araceli aras arata arcadio arda ariana arina arindam \
    arjen arlindo armelle arne arnoud arpita arseny arshad artem artyom arvid aryan asa ashwini asia asli aslı \
    asma asmaa asya atharv atharva augustus aukje aurele aurelie aurelien aurèle avelino avni axelle ayano ayaz \
    ayman aymen ayse aysel ayub ayush ayşe azra baerbel baldomero baljit baltasar balwinder barend baris \
    barnaby bartolome bartolomeo bartolomé bartosz barış basilio batuhan bauke beata begona benedict benedicte \
    bengt benicio benigno bente berat berk bernabe bernabé bernardino berthe berthold beyza bhagyashree \
    bhargavi bhavana bhavesh bhumika bilal birgitta bjorn bjørn blaise blanca blandine bo bodo bonifacio boris \
    bouchra brahim bregje brendan brice bronwen brunhilde bulent burak burcu buse bushra busra bénédicte bülent \
    büşra canan candelaria cansu carina carmelina casimiro cassandra cassandre catarina caua cayetana cayetano \
    cecil cecily cees ceferino celestina celine cemal cemile cengiz ceren chaitanya chaitra chelsea chirag \
    cicero cipriano cirilo clarisse cleiton clemence clotilde concepcion conrado cora cornelius crisanto \
    cyprien cyrus côme dalia dalva damian damián damla daniil danuta daphne daphné daria dariusz darshan darya \
    dawid dayana dayane debashish defne delilah demetrio denilson derya detlev devendra devika dhanashree \
    dietmar dieuwke dilek dina dino dirce dmitri dmitry doerte dorien dorota dounia douwe driss dunya duru \
    dwight dörte eamon ebba eberhard ebru ecem ecrin edeltraud edeltraut edilson edivaldo edmund edwige eetu \
    efe efrain efraín ege egor eila eino eita ekaterina ekkehard ela eladio elcio eleonore eleuterio eliecer \
    eliete elif elina elinor elisangela eliseo eliska elizaveta eliécer eliška eloa elodie eloisa eloise eloy \
    eloísa els elsbeth elske elza elzbieta elżbieta emel emeline emiel emile emilie emine emir emirhan \
    emmanuelle emmi emre enes engelbert engin enid enno enora epifanio erasmo ercan ercole erhard erkan \
    ermenegildo erna erol erwan esa esma esra estefania estela estibaliz estíbaliz eugenie eugénie eulalia \
    eunice evangelina evaristo eve evelina evelyne evgeny ewa ewout eylul eylül eymen fabienne fabiola fabián \
    facundo fadime falguni fares farid farida faris farzana fatih fatiha fatma faustina febe fedor feliciano \
    felicie fenja fenne fergus ferhat fermin fermín fernande feroz fien filip filipa filippa filiz fiorenza \
    fiorenzo flavie floor florencio florentino fouad francine franciszek francoise frantisek františek frederic \
    frederik freek freja frida friederike friedhelm fuensanta furkan fynn fyodor félicie gaelle gaetan gaetana \
    galina gamze gaspare gastone gayathri gaëtan geir genaro genevieve genki gennady genoveva georgette geovana \
    gerlinde gernot gerson gertraud gertrudis ghada ghislain giacinto gideon gilberte gilda gioacchino girolamo \
    gisella gislaine gita giuditta gizem gleb gleice glenda godelieve gokhan goktug goncalo gonçalo goran graca \
    grayson graziella grazyna graça grażyna greet gregoire gretel griet griselda grzegorz grégoire guadalupe \
    gualtiero guenter gulay gulsum gulten gumersindo gunhild gunnar gurdeep gurmeet gwen gwenaelle gwenaëlle \
    gwyneth gökhan göktuğ göran gülay gülsüm gülten habiba hacer hafsa hajar hakan halil halima halina hanaa \
    hanan hanane hande hanife hanne hannie hannu hardik haritha harjinder harjit harmen harsh haru hatice hauke \
    havva hayat heba hector hedda heena heidrun heikki heiner helio helle helmi helmuth heloisa heloise henning \
    henrietta henrik henryk heribert heriberto hermenegildo herminia herta hiba hicham hikmet hilal hilary \
    hilde hiltrud hind hipolito hipólito hiral hiro hisako hisham hitesh hiyori honorio horace horacio hortense \
    houda huda hugues hulya huseyin husniye husnu hülya hüseyin hüsniye hüsnü icaro idoia idris ignacy ikram \
    ilario ilhan ilker ilya ilyas imad iman imane imanol imelda imke inaki inderjit indrani ineke inez inger \
    ingvild inocencio inês ipek iracema iratxe irem irena irina irmtraud iroha isak isidoro issam itzel ivana \
    ivanete ivanilde ivonete iñaki jacinta jadwiga jailson jairo jakub jalal jamel jamila janani jandira \
    janhavi janne jannes jannie jari jaroslav jasleen jasper jaswinder jatin javed jaxon jayant jeanine jef \
    jeferson jenaro jenni jeremie jerzy jesusa jignesh jiri jirina jitka jiřina jiří joao joaquin joaquina job \
    jocelyn jocelyne joelma joerg joke jolanta jon jorg jorgen jorrit josefin josimar josue joud jozef jucelia \
    jucélia juergen juha juho jukka junaid jurandir jurema jurriaan jussi justyna jérémie józef jørgen kaan \
    kaarina kacper kadir kaisei kamil kamila kanata kannan kaouthar karel kari karima karla karlijn karolina \
    kaspar kasper katarzyna katerina kateřina katia katja katrien katrina katsuya kaua kaue kauê kawtar kawthar \
    kazimierz kazuma kedar keerthana keerthi kemal ken kenan kendra kenza kerem ketan khadidja khadija khushboo \
    kimiko kinga kinjal kirill kjell klára koki kokona kris krish kristina kristof krystyna krzysztof ksenia \
    kseniya kubra kuldeep kulwinder kübra lachlan ladislav laerke laila lalita lamberto lamia lamya lander \
    larisa latifa lauretta laurine laxmi laëtitia leela leen leena leevi lene lenka leocadia leopold leopoldo \
    leticia lev levent leyla licia lidiane lien liesbeth liesel lieve lieven liisa lilja lilou line linn linnea \
    linnéa livia loic lone loubna louisa lourival lowie lubna lucette luciene lucila lucile lucinda lucineia \
    lucinéia lucrecia ludivine ludmila ludvig luigia lukasz lukáš lupita lyubov lyudmila lærke macario maciej \
    madeline madhavi madhumita mads mael maelle maelys maeve magnus mahendra mahiro mahmud mahmut maija maiwenn \
    majed majid maksim malak malathi malgorzata malika mana manasi mandeep manjit marcelina marcia marcin \
    marcio mareike maren margareta margarida mariam marielle marijke marijn marinalva marinete marisela marit \
    mariusz marketa markku markéta marlies marluce marnix martim marwan maryam maryse marzia matej mateusz \
    matheo mathias mathéo matias matthieu matti matvey matěj maude mauricio maurits maxence maxim maximino \
    maxine maëlys maïwenn małgorzata mehmet mehul meike melchor melek melike meltem meriem mert merve mervyn \
    meryem mette michal michał michelangelo michiel mickael mies mihir mikael mikhail mikkel mikko mikolaj \
    mikołaj miku milana millicent milou minami minna minnie mirac miray miraç miroslav mirte mizuki moacir \
    mohammad mohit mohsen mohsin momoka mona morten mounir mourad moustafa mrunal muhammet muna murat murielle \
    murugan mustapha mylene mylène myra nabila nadege nadezhda nadège naima najat nanako nand nanda nargis \
    naser nasreen natalya natálie navjot nawal nayan nayeli nazario nazia nazli nazlı nazzareno necla neel \
    nehir nelida nemesio nermin nesrin neuza nicanor niccolo nick niclas nicoletta nicolo nihat nikodem nikola \
    nikolai nikolay nirav nisa nishant nithya nives nizar nobuo nobuyuki noe noemia noemie nolwenn norberto \
    nordine noud noureddine noêmia nuno nur nurcan nynke nélida oceane octavia odd oiva oksana oleg olegario \
    oliwia olli olof omer omkar ondrej ondřej onni onofre onur ophelie ophélie orhan orsola osama osmar otavio \
    othmane otilia ottilie ottmar oussama ovidio oyku ozan ozlem paivi paramjit partha parul parveen pau \
    paulina pavel pawel paweł payal pekka pepijn per percival perrine petr pien pieterjan pinar piotr pirjo \
    pola poliana polina polly pompeo porfirio poul prajakta prasanna prathamesh pravin priscilla prudencio \
    päivi pınar quitéria rabia rachana rachida radek rahaf raissa raj rajendra rajkumar ramazan ramon ramya \
    randi rania ranjit ranya raphael rashida rasmus rawan rayane rayssa razan recep reda redouane reece reem \
    regiane regine regis rehana reinaldo reinhold remi rena renee revathi rhiannon riad rick ridwan rigoberto \
    riitta rikke rim rima rinaldo rinske rio ritsu rituparna riyad riza rizwan rob rocio roderick roelof \
    rogelio rogerio rohini romina romolo ronan rosalba rosalia rosangela roseli rosemeire rosina roswitha \
    rowena roxanne rubina rudra ruediger rufina rufino rufus ruggero rui rukhsar ruksana rune rupali rupert \
    rutuja ryoma ryszard ryusei régine régis rıza saba sabatino sabina sabino saburo sadia safa safaa safia \
    saga saima salah salima salma samanta samira sanaa sangita sanika saranya saravanan satu saturnino saul \
    saurabh sayali saïd saúl sebastiao sebastien sebastián seda sefa segolene sejal selim selin selina sena \
    senthil sep seppe seppo serafin serafina serafín serdar sergei sergey serife serkan settimio severiano \
    severine sevgi seyma shabana shabnam shahd shahid shantanu shazia shion shiva shraddha shubham sibel sidnei \
    sidonie siebe siemen sietske signe siham silje silvano simao simão sinan sirlei sirpa siv siva sjef smita \
    snehal soenke sofie sohail sohan solene solveig sonali songul songül soren souad soufiane soukaina soumaya \
    soumya sourav sravani stanislav stanislaw stanislawa stanisław stanisława stef stefany stepan stephane \
    stina suad suchitra sude sudha sudhir suely sufian sujata sukhwinder sukru suleyman sultana sumathi sumaya \
    sumayya supriya surendra sushila svein svetlana swantje swapnil sybil sytske szymon ségolène sönke søren \
    süleyman tabassum tabitha tadeusz taiga taina tainara tainá taisiya tancredi tanguy tania tanmay tanveer \
    tapio tarek tarik tarık tatyana tea tegan tejal teodora teofilo terje teófilo thaddeus thais thelma \
    theodora therese theresia tiberio ties tiina tijs timeo timofey timothee timéo tjeerd tjitske toivo tolga \
    tomas tomasz tomáš ton tone tor toribio tove towa trond trupti tugba tulay tuncay tuomas tushar tuula tuva \
    tuğba tymon tülay ugur ulf ulla ulyana urmila urvashi usama uğur vaclav vadim vaino vaishali valdirene \
    valere valeriano valery valmir valère vanderlei vanna varvara vasant vasco veerle veeti veit veli venancio \
    venla veronika veronique vignesh vijaya viktor viktoria ville vilmar vinayak vitaly vitor vitoria vivienne \
    vladimir vladimír vojtech vojtěch volkan vyacheslav václav väinö věra wafa wafaa waldemar waleed walid \
    wannes wasim wellington wenceslao wendelin weronika wietse wietske wiktor wiktoria wilbur wilfredo wilfried \
    wilhelmine winfried wojciech wout xander ximena xiomara yacine yahya yamini yasemin yasmim yassine yegor \
    yekaterina yelena yente yentl yesenia yevgeny ygor yigit yiğit ylva yoshiro younes yousra yuina yuito yulia \
    yuliya yunus yury yusra yuuki yuzuha zacarias zacarías zahra zainab zakaria zakariya zaynab zbigniew zdenek \
    zdenka zdeněk zdeňka zehra zeki zelda zelia zelie zenaide zeno zineb ziyad zofia zohra zoraida zoya zubair \
    zuleika zumra zuzanna zélie zümra åsa ève élcio éloïse éléonore ícaro ítalo ömer öykü özlem úrsula łukasz \
    şerife şeyma şükrü štěpán
    """
}
