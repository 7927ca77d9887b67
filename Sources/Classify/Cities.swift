/// Well-known cities and towns (the largest municipalities of the countries the observer meets most:
/// US, GB, IE, DE, AT, CH, FR, BE, ES, IT, NL, PT, BR, IN, MX, CA, PL), lower-cased, in their own
/// spelling and common English exonyms. Public reference knowledge (national statistics), used only
/// for a value under an opaque key; names that are as often a person's name (Florence, Victoria,
/// Jackson...) or an everyday word (Reading, Mobile, Nice) are left out.
enum Cities {
    static let all: Set<String> = Set("""
    's-gravenhage|'s-hertogenbosch|a coruña|aachen|aalen|aalst|aarau|aarburg|aarlen|aarschot|abbeyfeale|\
    abbeyleix|abbotsford|aberdeen|abertawe|abilene|abrantes|absam|acapulco|acapulco de juárez|acerra|acireale|\
    adliswil|afragola|agartala|agde|agen|agra|agrigento|agualva-cacém|aguascalientes|ahmedabad|ahmednagar|\
    airdrie|aix-en-provence|aix-les-bains|aizawl|ajaccio|ajmer|akola|akron|alacant|albacete|albi|albufeira|\
    albuquerque|alcalá de guadaíra|alcalá de henares|alcobaça|alcobendas|alcochete|alcoi|alcorcón|alcoy|\
    alcácer do sal|alcázar de san juan|alessandria|alfortville|algeciras|algés|alicante|aligarh|aljustrel|\
    alkmaar|allahabad|allentown|allschwil|almada|almeirim|almelo|almendralejo|almere|almería|alost|\
    alphen aan den rijn|altach|altamira|altamura|altdorf|altstätten|alverca do ribatejo|alwar|alzira|alès|\
    amadora|amalfi|amarante|ambala|ambarnath|ambattur|amersfoort|amiens|amravati|amriswil|amritsar|amroha|\
    amstelveen|amsterdam|amstetten|anaheim|ananindeua|anantapur|anchorage|ancona|andenne|anderlecht|andria|\
    andújar|angers|angoulême|angra do heroísmo|angra dos reis|ann arbor|annecy|annemasse|ansfelden|antequera|\
    antibes|antioch|antwerp|antwerpen|anvers|anzio|anápolis|aosta|aparecida de goiânia|apatzingán|apeldoorn|\
    apodaca|appenzell|aprilia|apucarana|aracaju|aranjuez|arapiraca|arapongas|araraquara|araucária|araçatuba|\
    arbon|ardee|arezzo|argenteuil|arklow|arles|arlington|arlon|armagh|arnhem|arnsberg|arona|arosa|arrah|arras|\
    arrecife|arvada|asansol|aschaffenburg|ascoli piceno|ascona|ashbourne|asheville|asnières-sur-seine|asse|\
    assen|assisi|asti|ath|athboy|athens|athlone|athy|atibaia|atizapán de zaragoza|atlanta|atlantic city|atlixco|\
    attnang-puchheim|aubagne|aubervilliers|auch|audenarde|auderghem|augsburg|augustów|aulnay-sous-bois|\
    aurangabad|autlán|auxerre|avadi|aveiro|avellino|aversa|avignon|aylesbury|ayr|aywaille|azcapotzalco|baar|\
    baarn|bad hall|bad homburg|bad ischl|bad radkersburg|bad vöslau|badajoz|badalona|baden|baden-baden|baeza|\
    bagenalstown|bagheria|bagé|bahraich|baie-comeau|baile átha cliath|bailieborough|baixa da banheira|\
    bakersfield|balbriggan|balen|ballari|ballina|ballinasloe|ballinrobe|ballyhaunis|ballymote|ballyshannon|\
    balneário camboriú|baltimore|baltinglass|bamberg|bandon|bangalore|bangor|bantry|barakaldo|baranagar|barasat|\
    barcelona|barcelos|bardhaman|bareilly|barendrecht|bari|barletta|barneveld|barnsley|baroda|barra mansa|\
    barreiro|bartoszyce|barueri|basauri|basel|basildon|basingstoke|bastia|bastogne|bathinda|bathurst|\
    baton rouge|bauru|bayonne|bayreuth|beauvais|bedford|begusarai|beja|belagavi|belfast|belford roxo|belfort|\
    belgaum|bellary|belleville|bellevue|bellinzona|belluno|belmullet|belo horizonte|belp|belém|benalmádena|\
    benares|benavente|benevento|bengaluru|benicarló|benidorm|berchem-sainte-agathe|bergamo|bergen|\
    bergen op zoom|bergerac|bergheim|bergisch gladbach|berhampur|beringen|berkel en rodenrijs|berkeley|berlin|\
    bern|berndorf|berne|besançon|betim|beveren|beverly hills|beverwijk|bełchatów|bhagalpur|bharatpur|bhatpara|\
    bhavnagar|bhilai|bhilwara|bhind|bhiwandi|bhiwani|bhopal|bhubaneswar|bhusawal|bialystok|biarritz|\
    biała podlaska|białystok|bidar|bidhannagar|biel|biel/bienne|bielawa|bielefeld|biella|bielsk podlaski|\
    bielsko-biała|bienne|bihar sharif|bijapur|bikaner|bilaspur|bilbao|bilbo|bilzen|binche|binningen|birkenhead|\
    birmingham|birr|bischofshofen|bitonto|blackpool|blainville|blanchardstown|blankenberge|blessington|\
    bloemendaal|blois|bludenz|blumenau|boa vista|bobigny|bocholt|bochum|bodegraven|bognor regis|boise|bokaro|\
    bolesławiec|bologna|bolton|bolzano|bombay|bondy|bonn|bordeaux|bornem|boston|bottrop|boucherville|\
    boulogne-billancourt|boulogne-sur-mer|bourg-en-bresse|bourges|bournemouth|boussu|boxmeer|boxtel|boyle|bozen|\
    bracknell|bradford|braga|bragança|brahmapur|braine-l'alleud|brampton|brandenburg an der havel|brantford|\
    brasschaat|brasília|braunau|braunau am inn|braunschweig|bray|breda|bregenz|bremen|bremerhaven|bremgarten|\
    brescia|bressanone|brest|bridgend|bridgeport|brielle|brighton|brindisi|bristol|brive-la-gaillarde|\
    brockville|brodnica|broken arrow|bronx|brossard|brownsville|bruck an der leitha|bruck an der mur|bruges|\
    brugg|brugge|brunn am gebirge|brunssum|brunswick|brusque|brussel|brussels|bruxelles|brzeg|buchs|bulandshahr|\
    bulle|bunclody|buncrana|bundoran|burbank|burgdorf|burgos|burhanpur|burjassot|burlington|burnaby|burnley|\
    burton upon trent|bussum|busto arsizio|bydgoszcz|bytom|bytów|béziers|bülach|będzin|cabo frio|cabo san lucas|\
    cachoeiro de itapemirim|cadereyta|caen|caerdydd|cagliari|cagnes-sur-mer|cahir|cahors|cajeme|calais|calcutta|\
    caldas da rainha|caledon|calgary|calicut|callan|calp|caltanissetta|caluire-et-cuire|camaçari|cambridge|\
    campbell river|campeche|campina grande|campinas|campo grande|campo largo|campobasso|campos dos goytacazes|\
    cancún|caniço|cannes|canoas|cantanhede|canterbury|cape coral|capelle aan den ijssel|capri|carapicuíba|\
    carcassonne|carcavelos|cardiff|cariacica|carlow|carlsbad|carndonagh|carouge|carpentras|carpi|carrara|\
    carrick-on-shannon|carrick-on-suir|carrickmacross|carrigaline|carrollton|cartagena|cartaxo|caruaru|cascais|\
    cascavel|caserta|cashel|casoria|castellammare di stabia|castelldefels|castelló de la plana|castellón|\
    castellón de la plana|castelo branco|castlebar|castleblayney|castlecomer|castleisland|castres|castricum|\
    castrop-rauxel|catania|catanzaro|caucaia|cava de' tirreni|cavaillon|cavan|caxias do sul|cdmx|cedar rapids|\
    celaya|celbridge|celle|cergy|cerignola|cesena|ceuta|chalco|chalon-sur-saône|cham|chambéry|chamonix|\
    champigny-sur-marne|chandigarh|chandrapur|chapecó|chapra|charleroi|charleston|charleville-mézières|\
    charlottesville|charlottetown|chartres|chatham|chatham-kent|chattanooga|chaudfontaine|chelles|chelmsford|\
    cheltenham|chemnitz|chennai|cherbourg|cherbourg-en-cotentin|chesapeake|chesterfield|chetumal|chełm|\
    chhatrapati sambhajinagar|chiasso|chicago|chichester|chiclana de la frontera|chicoutimi|chieti|chihuahua|\
    chilliwack|chilpancingo|chimalhuacán|chittoor|chojnice|cholet|cholula|chorzów|chula vista|chur|\
    châlons-en-champagne|châteauguay|châteauroux|châtelet|ciechanów|cincinnati|ciney|cinisello balsamo|\
    città di castello|ciudad acuña|ciudad de méxico|ciudad del carmen|ciudad guzmán|ciudad juárez|ciudad madero|\
    ciudad mante|ciudad nezahualcóyotl|ciudad obregón|ciudad real|ciudad valles|ciudad victoria|\
    civitanova marche|civitavecchia|clamart|claremorris|clarington|clarksville|clearwater|clermont-ferrand|\
    clichy|clifden|clonakilty|clondalkin|clones|clonmel|coacalco|coatzacoalcos|cobh|cobourg|cochin|coevorden|\
    coimbatore|coimbra|colatina|colchester|colfontaine|colima|college station|collegno|colmar|cologne|colombes|\
    colorado springs|columbus|comitán|compiègne|conception bay south|condeixa-a-nova|contagem|coquitlam|\
    coral springs|corbeil-essonnes|corby|corcaigh|cordoba|cork|cornellà de llobregat|corner brook|cornwall|\
    corpus christi|corroios|cortina d'ampezzo|cosenza|costa da caparica|costa mesa|cotia|cottbus|courbevoie|\
    courcelles|courtrai|coventry|covilhã|coyoacán|cozumel|cracow|cranbrook|cremona|crewe|criciúma|crotone|\
    croydon|créteil|cuautitlán izcalli|cuautla|cuenca|cuernavaca|cuiabá|cuijk|culemborg|culiacán|cumbernauld|\
    cuneo|curitiba|cuttack|cwmbran|czestochowa|częstochowa|człuchów|cádiz|câmara de lobos|córdoba|dalkey|dallas|\
    daly city|danapur|darbhanga|darjeeling|darlington|darmstadt|dartmouth|davanagere|davos|dayton|de panne|\
    dehradun|deinze|delft|delfzijl|delhi|delmenhorst|delémont|den bosch|den haag|den helder|dendermonde|denia|\
    denver|deoghar|derby|derry|des moines|dessau|dessau-roßlau|detmold|detroit|deurne|deutsch-wagram|\
    deutschlandsberg|deventer|dewas|dhanbad|dhule|diadema|diemen|dieppe|diest|dietikon|digne-les-bains|\
    dijk en waard|dijon|diksmuide|dilbeek|dinant|dindigul|dingle|dinslaken|divinópolis|doetinchem|dokkum|\
    dollard-des-ormeaux|dolores hidalgo|don benito|doncaster|donegal|dongen|donostia|donostia-san sebastián|\
    doornik|dordrecht|dormagen|dornbirn|dorsten|dortmund|dos hermanas|douai|dourados|dover|drachten|draguignan|\
    drancy|dresden|drogheda|drummondville|dublin|duisburg|dun laoghaire|dunboyne|dundalk|dundee|dunfermline|\
    dungarvan|dunkerque|dunkirk|dunleer|duque de caxias|durango|durg|durgapur|dusseldorf|działdowo|dzierżoniów|\
    dénia|dún laoghaire|dübendorf|düren|düsseldorf|dąbrowa górnicza|dębica|east kilbride|eastbourne|eastleigh|\
    ebikon|ebreichsdorf|ecatepec|ecatepec de morelos|ecublens|edam|ede|edegem|edenderry|edgeworthstown|edinburg|\
    edinburgh|edingen|edmonton|edmundston|eeklo|eferding|eibar|eindhoven|einsiedeln|eisenstadt|eivissa|el cajon|\
    el ejido|el monte|el paso|el prat de llobregat|el puerto de santa maría|elbląg|elche|elda|elgin|elk grove|\
    elsene|eluru|elvas|elx|embu das artes|emmeloord|emmen|empoli|enghien|enkhuizen|enna|ennis|enniscorthy|enns|\
    enschede|ensenada|entroncamento|ercolano|erfurt|ericeira|erlangen|ermesinde|erode|errenteria|eschweiler|\
    esneux|espinho|esposende|essen|esslingen|esslingen am neckar|estepona|estoril|estremoz|etawah|etobicoke|\
    etterbeek|eupen|euskirchen|evansville|evere|evergem|exeter|exmouth|ełk|faenza|fafe|fairfield|famalicão|fano|\
    fareham|fargo|faridabad|faro|farrukhabad|fatehpur|fayetteville|feijó|feira de santana|feldbach|feldkirch|\
    feldkirchen in kärnten|felgueiras|ferbane|fermoy|ferrara|ferrol|figueira da foz|firenze|firozabad|fiumicino|\
    flensburg|fleurus|florianópolis|flémalle|foggia|foix|foligno|folkestone|fontaine-l'évêque|\
    fontenay-sous-bois|forlì|fort collins|fort lauderdale|fort mcmurray|fort wayne|fort worth|fortaleza|\
    foz do iguaçu|frameries|franeker|frankfurt|frankfurt (oder)|frankfurt am main|frastanz|frauenfeld|\
    fredericton|freiburg|freiburg im breisgau|freienbach|freising|freistadt|fremont|fresnillo|fresno|fribourg|\
    friedrichshafen|frisco|frosinone|fréjus|fuengirola|fuenlabrada|fulda|funchal|fundão|fürstenfeld|fürth|\
    gaillimh|gainesville|gallarate|galway|gand|gandhidham|gandhinagar|gandia|ganshoren|garanhuns|garbsen|\
    garden grove|garges-lès-gonesse|gateshead|gatineau|gavà|gaya|gdansk|gdańsk|gdynia|geel|gela|geldrop|\
    gelsenkirchen|gembloux|general escobedo|geneva|genf|genk|gennep|gennevilliers|genoa|genova|gent|genève|gera|\
    geraardsbergen|gerasdorf bei wien|gerona|getafe|getxo|ghaziabad|ghent|gießen|gijón|gillingham|girona|\
    giugliano in campania|giżycko|glace bay|gladbeck|glarus|glasgow|gleisdorf|glendale|gliwice|gloucester|\
    gmunden|gmünd|gniezno|goiânia|goleniów|gondomar|gooise meren|gorakhpur|gorey|gorinchem|gorizia|gorlice|gort|\
    gorzów wielkopolski|gosport|gossau|gouda|governador valadares|graiguenamanagh|grajewo|grammont|granada|\
    granard|granby|grand prairie|grand rapids|grande prairie|granollers|grasse|gravataí|graz|great yarmouth|\
    greater sudbury|greeley|green bay|greensboro|greifswald|grenchen|grenoble|grevenbroich|greystones|\
    grieskirchen|grimbergen|grimsby|grindelwald|grodzisk mazowiecki|groningen|grosseto|groß-enzersdorf|\
    grudziądz|gryfino|grândola|gstaad|guadalajara|guanajuato|guarapari|guarapuava|guarujá|guarulhos|guaymas|\
    guelph|guidonia montecelio|guildford|guimarães|gulbarga|guntur|gurgaon|gurugram|guwahati|gwalior|\
    gänserndorf|göppingen|görlitz|göttingen|götzis|güssing|gütersloh|głogów|haarlem|haarlemmermeer|haguenau|\
    hajnówka|haldia|halesowen|halifax|hall in tirol|halle|halle (saale)|hallein|hamburg|hameln|hamme|hanau|\
    hannover|hanover|hapur|hardenberg|harderwijk|harelbeke|haridwar|harlingen|harrogate|hartberg|hartford|\
    hartlepool|hasselt|heemskerk|heemstede|heerenveen|heerhugowaard|heerlen|heidelberg|heilbronn|\
    heist-op-den-berg|hellevoetsluis|helmond|hemel hempstead|hengelo|hereford|herentals|herford|herisau|\
    hermosillo|herne|herstal|herten|herzogenburg|hialeah|hidalgo del parral|high point|high wycombe|hilden|\
    hildesheim|hillegom|hillsboro|hilversum|hisar|hoboken|hochdorf|hoei|hohenems|hollabrunn|hollywood|honolulu|\
    hoofddorp|hoogeveen|hoogezand|hoorn|horgen|hortolândia|horw|hoshiarpur|hospet|hospitalet de llobregat|\
    houston|houten|hove|howrah|howth|hubballi|hubli-dharwad|huddersfield|huelva|huesca|huixquilucan|\
    huntington beach|huntsville|huy|hyderabad|hyères|hürth|ibiza|ichalkaranji|ieper|iguala|ijmuiden|ilhéus|\
    illnau-effretikon|imola|imperatriz|imphal|imst|inca|indaiatuba|indianapolis|indore|inglewood|ingolstadt|\
    innsbruck|inowrocław|interlaken|inverness|ipatinga|ipswich|iqaluit|irapuato|irun|iruña|iserlohn|isernia|\
    issy-les-moulineaux|istres|itaboraí|itabuna|itajaí|itapevi|itaquaquecetuba|ittigen|ivry-sur-seine|ixelles|\
    ixtapa|ixtapaluca|izegem|iztapalapa|iława|jabalpur|jaboatão dos guararapes|jacareí|jacksonville|jaipur|\
    jaisalmer|jalandhar|jalgaon|jalna|jammu|jamnagar|jamshedpur|jaraguá do sul|jarosław|jastrzębie-zdrój|\
    jaunpur|jaworzno|jaén|jelenia góra|jena|jenbach|jennersdorf|jerez|jerez de la frontera|jersey city|jesi|\
    jette|jhansi|jiutepec|jodhpur|jodoigne|joinville|joliet|joliette|joão pessoa|juazeiro|juazeiro do norte|\
    juchitán|judenburg|juiz de fora|junagadh|jundiaí|jurupa valley|jávea|kadapa|kaiserslautern|kakinada|\
    kalaburagi|kalisz|kalmthout|kalyan-dombivli|kamarhati|kamloops|kampen|kanpur|kansas city|kapellen|\
    kapfenberg|karimnagar|karlsruhe|karnal|kassel|katihar|katowice|katwijk|kawartha lakes|kells|kelowna|kempten|\
    kenmare|kerkrade|kerpen|kettering|key west|khammam|khandwa|kharagpur|kiel|kielce|kildare|kilkee|kilkenny|\
    killarney|killeen|killorglin|kilrush|king's lynn|kingscourt|kingston|kingston upon hull|\
    kingston upon thames|kinsale|kirchdorf an der krems|kirkcaldy|kitchener|kitzbühel|klagenfurt|\
    klagenfurt am wörthersee|klosterneuburg|kloten|knittelfeld|knokke-heist|knoxville|koblenz|kobyłka|kochi|\
    koekelberg|kolhapur|kolkata|kollam|konin|konstanz|kontich|korba|korneuburg|kortrijk|koszalin|kota|kozhikode|\
    kołobrzeg|krakow|kraków|kraśnik|krefeld|krems|krems an der donau|kreuzlingen|kriens|krimpen aan den ijssel|\
    krosno|kufstein|kulti|kurnool|kutno|kwidzyn|köflach|köln|köniz|küsnacht|küssnacht|kędzierzyn-koźle|kętrzyn|\
    kłodzko|l'aquila|l'hospitalet de llobregat|la chaux-de-fonds|la coruña|la hulpe|la laguna|la louvière|\
    la línea de la concepción|la paz|la piedad|la roche-sur-yon|la rochelle|la seyne-sur-mer|la spezia|\
    laa an der thaya|laakirchen|lages|lagos|lagos de moreno|lakeland|lakewood|lamego|lamezia terme|lanaken|\
    lancaster|lancy|landeck|landgraaf|landshut|langenfeld|langenthal|langnau im emmental|langreo|lansing|\
    lansingerland|laranjeiro|laredo|las cruces|las palmas|las palmas de gran canaria|las rozas|\
    las rozas de madrid|las vegas|latur|lauro de freitas|lausanne|lauterach|laytown|le blanc-mesnil|le havre|\
    le mans|league city|leamington spa|lecce|lecco|leduc|leeds|leeuwarden|leganés|legionowo|legnano|legnica|\
    leibnitz|leicester|leiden|leidschendam-voorburg|leioa|leipzig|leiria|leixlip|lelystad|lenzburg|leoben|\
    leonding|leszno|lethbridge|letterkenny|leuven|levallois-perret|leverkusen|lewisville|lexington|\
    león de los aldama|lichfield|liedekerke|lienz|liestal|liezen|lilienfeld|lille|limeira|limerick|limoges|\
    linhares|linz|lippstadt|lisboa|lisbon|lisburn|lismore|lisse|listowel|little rock|liverpool|livorno|\
    livry-gargan|liège|llanelli|lleida|locarno|lodi|lodz|logroño|lokeren|lommel|london|londonderry|londrina|\
    long beach|longford|longueuil|lons-le-saunier|lorient|los angeles|los cabos|los mochis|loughborough|\
    loughrea|louisville|loulé|lourdes|loures|lousada|lousã|louvain|louvain-la-neuve|lowestoft|lubbock|lubin|\
    lublin|lucan|lucca|lucerne|lucknow|ludhiana|ludwigsburg|ludwigshafen|ludwigshafen am rhein|lugano|luik|\
    luimneach|lunel|lustenau|luton|luzern|lyon|lyss|lérida|lévis|lübeck|lüdenscheid|lüneburg|lünen|lębork|\
    maaseik|maasmechelen|maassluis|maastricht|macapá|macaé|macclesfield|maceió|macerata|machico|macon|madras|\
    madrid|madurai|mafra|magdeburg|magog|magé|maheshtala|mahón|maidstone|mainz|maisons-alfort|majadahonda|\
    malaga|malahide|malbork|malda|malegaon|malibu|malines|mallow|malmedy|manacor|manaus|manchester|manfredonia|\
    mangalore|mangaluru|mangualde|manhattan|mannheim|manosque|manresa|mansfield|mantes-la-jolie|mantova|mantua|\
    manzanillo|maple ridge|marabá|marano di napoli|marbella|marburg|marche-en-famenne|marchtrenk|\
    marco de canaveses|margao|margate|maringá|marinha grande|marl|marsala|marseille|marseilles|martigny|\
    martigues|mascouche|massamá|matamoros|mataró|matera|mathura|matosinhos|mattersburg|mattighofen|mauá|\
    maynooth|mazara del vallo|mazatlán|maó|meaux|mechelen|medemblik|medicine hat|meerbusch|meerut|mehsana|\
    meilen|melilla|melk|mem martins|memphis|mendrisio|menen|menin|menton|meppel|merano|merthyr tydfil|messina|\
    metepec|metz|meudon|mexicali|mexico city|meyrin|miami|miami beach|miami gardens|middelburg|middlesbrough|\
    midland|midleton|mielec|mieres|mijas|milan|milano|milton keynes|milwaukee|minatitlán|minden|minneapolis|\
    mira-bhayandar|miramar|miramichi|mirandela|mirzapur|mislata|mississauga|mistelbach|międzyrzecz|\
    mińsk mazowiecki|modena|moers|moeskroen|mogi das cruzes|moita|mol|molenbeek|molenbeek-saint-jean|molfetta|\
    molina de segura|moncalieri|monclova|moncton|monnickendam|mons|mont-de-marsan|montauban|montecatini terme|\
    montemor-o-novo|monterrey|montes claros|monthey|montijo|montluçon|montpellier|montreal|montreuil|montreux|\
    montréal|montélimar|monza|moose jaw|moradabad|morbi|morelia|morena|moreno valley|morges|mortsel|mossoró|\
    motherwell|motril|mount pearl|mountmellick|mountrath|mouscron|mrągowo|mulhouse|mullingar|mumbai|munger|\
    munich|murcia|murfreesboro|muri bei bern|murrieta|muttenz|muzaffarnagar|muzaffarpur|myrtle beach|mysore|\
    mysuru|mysłowice|málaga|mâcon|mérida|mérignac|móstoles|mödling|mönchengladbach|mülheim an der ruhr|münchen|\
    münsingen|münster|naaldwijk|naarden|naas|nadiad|nagercoil|nagpur|naihati|namen|namur|nanaimo|nanded|nandyal|\
    nanterre|nantes|napa|naperville|naples|napoli|narbonne|nashik|nashville|natal|naucalpan|naucalpan de juárez|\
    navan|navi mumbai|navojoa|nazaré|neath|neerpelt|nellore|nenagh|nenzing|neubrandenburg|neuchâtel|\
    neuilly-sur-seine|neumünster|neunkirchen|neusiedl am see|neuss|neuwied|nevers|new delhi|new haven|\
    new orleans|new ross|new westminster|new york|new york city|newark|newbridge|newcastle|newcastle upon tyne|\
    newcastle west|newmarket|newport|newport news|newry|nezahualcóyotl|niagara falls|nieuwegein|nieuwpoort|\
    nijkerk|nijmegen|nijvel|nilópolis|ninove|niort|niterói|nivelles|nizamabad|nogales|noida|noisy-le-grand|\
    noordoostpolder|noordwijk|nootdorp|norderstedt|nordhorn|norfolk|north bay|north las vegas|north vancouver|\
    north york|northampton|norwalk|norwich|nossa senhora do socorro|nottingham|nova friburgo|nova iguaçu|novara|\
    novo hamburgo|nowa sól|nowy dwór mazowiecki|nowy sącz|nowy targ|nuenen|nuevo laredo|nuneaton|nuoro|\
    nuremberg|nyon|nysa|nîmes|nürnberg|oakland|oakville|oaxaca|oaxaca de juárez|oberhausen|oberpullendorf|\
    oberwart|oceanside|ocotlán|odivelas|oegstgeest|oeiras|offenbach|offenbach am main|offenburg|oftringen|\
    oklahoma city|olathe|olbia|oldenburg|oldenzaal|oldham|oleśnica|olhão|olinda|oliveira de azeméis|\
    oliveira do hospital|olsztyn|olten|omaha|onex|ongole|ontinyent|oostende|oosterhout|ooty|opfikon|opole|\
    oporto|orai|orangeville|oranmore|orense|orihuela|orillia|oristano|orizaba|orléans|osasco|oshawa|osnabrück|\
    oss|ostend|ostende|ostermundigen|ostrowiec świętokrzyski|ostrołęka|ostróda|ostrów wielkopolski|ottawa|\
    ottignies-louvain-la-neuve|otwock|oudenaarde|oudergem|oupeye|ourense|ourém|ovar|overijse|overland park|\
    oviedo|owen sound|oxford|oxnard|oława|oświęcim|pabianice|pachuca|pachuca de soto|paderborn|padova|padua|\
    palencia|palermo|palhoça|pallavaram|palm bay|palma|palma de mallorca|palmas|palmdale|palmela|palo alto|\
    pamplona|panaji|panchkula|panihati|panipat|pantin|panvel|papendrecht|paranaguá|parauapebas|parbhani|paris|\
    parla|parma|parnamirim|pasadena|passau|passo fundo|paterna|patiala|patna|patos de minas|paulínia|pavia|\
    paços de ferreira|pearland|pelotas|pelt|pembroke pines|penafiel|peniche|penticton|peoria|perchtoldsdorf|\
    perg|perpignan|perth|perugia|pesaro|pescara|peso da régua|pessac|peterborough|petrer|petrolina|petrópolis|\
    pforzheim|pfäffikon|philadelphia|phoenix|piacenza|piaseczno|piedras negras|piekary śląskie|pijnacker|\
    pimpri-chinchwad|pinhais|pinhal novo|pinkafeld|piotrków trybunalski|piracicaba|pisa|pistoia|pittsburgh|piła|\
    plasencia|plauen|playa del carmen|plymouth|poitiers|pombal|pomezia|pomona|pompano beach|pondicherry|\
    ponferrada|ponta delgada|ponta grossa|ponte de lima|ponte de sor|pontevedra|poona|poperinge|pordenone|\
    port coquitlam|port láirge|port moody|port st. lucie|portage la prairie|portalegre|portarlington|portici|\
    portimão|portland|portlaoise|portmarnock|porto|porto alegre|porto velho|portsmouth|portugalete|potsdam|\
    poysdorf|poza rica|poznan|poznań|pozuelo de alarcón|pozzuoli|poços de caldas|praia grande|prato|pratteln|\
    prayagraj|presidente prudente|pressbaum|prince albert|prince george|provo|pruszków|przemyśl|puducherry|\
    puebla|puerto del rosario|puerto vallarta|puertollano|pulheim|pully|pune|purkersdorf|purmerend|purnia|\
    pushkar|puteaux|puurs|puławy|pułtusk|pénjamo|périgueux|péruwelz|póvoa de santa iria|póvoa de varzim|\
    pöchlarn|płock|płońsk|quaregnon|quarteira|quartu sant'elena|quebec city|queimados|queluz|querétaro|quilon|\
    quimper|quinta do conde|québec|racibórz|radom|radomsko|radstadt|raebareli|ragusa|raichur|raiganj|raipur|\
    rajkot|raleigh|ramagundam|ramos arizpe|rampur|ranchi|rancho cucamonga|rankweil|rapperswil|rapperswil-jona|\
    rathdowney|rathdrum|ratingen|ratlam|ratoath|ravenna|recife|recklinghausen|red deer|redditch|regensburg|\
    regensdorf|reggio calabria|reggio di calabria|reggio emilia|reggio nell'emilia|reims|reinach|remscheid|\
    renaix|renens|rennes|reno|renton|repentigny|requena|retz|reus|reutlingen|reutte|rewa|reynosa|rheine|\
    rheinfelden|rialto|ribeira grande|ribeirão preto|richmond|richmond hill|ridderkerk|ried im innkreis|riehen|\
    rieti|rijssen|rijswijk|rimini|rimouski|rio branco|rio claro|rio de janeiro|rio de mouro|rio grande|\
    rio maior|rio tinto|rio verde|ripon|rishikesh|riva del garda|rivas-vaciamadrid|rivière-du-loup|rixensart|\
    roanne|rochdale|rochester|rockford|rodez|roermond|roeselare|rohtak|roma|romanshorn|rome|ronda|rondonópolis|\
    ronse|roosendaal|roquetas de mar|rorschach|roscommon|roscrea|rosenheim|roseville|rosmalen|rosny-sous-bois|\
    rosslare|rostock|rotherham|rotterdam|roubaix|rouen|round rock|rourkela|rouyn-noranda|rovereto|rovigo|rubí|\
    ruda śląska|rueil-malmaison|runcorn|rybnik|rzeszow|rzeszów|río bravo|rüsselsheim|rüsselsheim am main|\
    saalfelden|saalfelden am steinernen meer|saanich|saarbrücken|sabadell|sabinas|sacavém|sacramento|saguenay|\
    sagunt|sagunto|saharanpur|saint john|saint louis|saint paul|saint-brieuc|saint-denis|saint-dié-des-vosges|\
    saint-eustache|saint-germain-en-laye|saint-ghislain|saint-gilles|saint-herblain|saint-hyacinthe|\
    saint-jean-sur-richelieu|saint-josse-ten-noode|saint-jérôme|saint-louis|saint-malo|saint-maur-des-fossés|\
    saint-nazaire|saint-ouen|saint-ouen-sur-seine|saint-priest|saint-quentin|saint-étienne|\
    salaberry-de-valleyfield|salamanca|salem|salerno|salford|salina cruz|salisbury|salon-de-provence|\
    salt lake city|saltillo|salvaterra de magos|salzburg|salzgitter|sambalpur|sambhal|sambreville|\
    samora correia|san andrés cholula|san antonio|san bartolomé de tirajana|san bernardino|\
    san cristóbal de la laguna|san cristóbal de las casas|san diego|san fernando|san francisco|san jose|\
    san josé del cabo|san juan del río|san luis potosí|san luis río colorado|san martín texmelucan|san mateo|\
    san miguel de allende|san nicolás de los garza|san pedro tlaquepaque|san sebastián|sandy springs|sangli|\
    sankt augustin|sankt gallen|sankt johann im pongau|sankt pölten|sankt veit an der glan|\
    sanlúcar de barrameda|sanok|sanremo|sant boi de llobregat|sant cugat del vallès|santa ana|santa barbara|\
    santa clara|santa clarita|santa coloma de gramenet|santa cruz de tenerife|santa cruz do sul|santa luzia|\
    santa maria|santa maria da feira|santa monica|santa rosa|santander|santarém|santiago de compostela|\
    santiago de querétaro|santiago do cacém|santo andré|santo tirso|santurtzi|sarcelles|sarnen|sarnia|\
    sartrouville|saskatoon|sassari|sassuolo|satara|satna|sault ste. marie|savona|scafati|scandicci|scarborough|\
    schaarbeek|schaerbeek|schaffhausen|scheibbs|schiedam|schladming|schlieren|schoten|schwaz|schwechat|schwerin|\
    schwyz|schwäbisch gmünd|schärding|scottsdale|scranton|scunthorpe|seattle|secunderabad|sedona|\
    seekirchen am wallersee|segovia|seia|seixal|senigallia|sept-îles|seraing|serampore|serpa|sesimbra|\
    sesto fiorentino|sesto san giovanni|sete lagoas|setúbal|sevilla|seville|sevran|shahjahanpur|shawinigan|\
    sheffield|sherbrooke|shillong|shimla|shimoga|shivamogga|shreveport|shrewsbury|siedlce|siegen|\
    siemianowice śląskie|siena|sieradz|sierning|sierre|sikar|silao|siliguri|silves|simi valley|sindelfingen|\
    sines|singrauli|sinop|sint-gillis|sint-jans-molenbeek|sint-lambrechts-woluwe|sint-niklaas|sint-truiden|\
    sintra|sion|sioux falls|siracusa|sirsa|sittard|sittard-geleen|skerries|skierniewice|sliedrecht|sligo|\
    smallingerland|sneek|sochaczew|soest|soignies|sokołów podlaski|solapur|soledad de graciano sánchez|solihull|\
    solingen|solothurn|sondrio|sonipat|sopot|sorel-tracy|soria|sorocaba|sorrento|sosnowiec|south bend|\
    southampton|southend-on-sea|southport|speyer|spiez|spijkenisse|spittal an der drau|spokane|spoleto|\
    spreitenbach|springfield|spruce grove|sri ganganagar|srinagar|st albans|st andrews|st davids|st helens|\
    st. albert|st. catharines|st. gallen|st. johann im pongau|st. johann in tirol|st. john's|st. louis|\
    st. moritz|st. paul|st. petersburg|st. pölten|stadskanaal|stalowa wola|stamford|stans|starachowice|stargard|\
    starogard gdański|staten island|stavelot|steenwijk|steffisburg|steinbach|sterling heights|stevenage|steyr|\
    stirling|stockerau|stockport|stockton-on-tees|stoke-on-trent|stradbally|stralsund|strasbourg|stratford|\
    stratford-upon-avon|stuttgart|stäfa|sudbury|sugar land|sumaré|summerside|sunderland|sunnyvale|surat|\
    suresnes|surrey|sursee|sutton coldfield|suwałki|suzano|swansea|swift current|swindon|swinford|syracuse|\
    szczecin|szczecinek|são bernardo do campo|são carlos|são gonçalo|são josé|são josé do rio preto|\
    são josé dos campos|são josé dos pinhais|são joão da madeira|são joão de meriti|são leopoldo|são luís|\
    são paulo|são vicente|sète|sélestat|súdwest-fryslân|słupsk|tacoma|talavera de la reina|tallaght|tallahassee|\
    tampa|tampico|tamworth|tapachula|taranto|tarbes|tarnowskie góry|tarnów|tarragona|taubaté|taunton|tavira|\
    tczew|tecomán|tecámac|tegelen|tehuacán|tehuantepec|telde|telford|telfs|temecula|temixco|tempe|templemore|\
    temse|tenali|tepic|teramo|teresina|teresópolis|ternat|terneuzen|terni|ternitz|terrassa|terrebonne|teruel|\
    tervuren|texcoco|thalwil|thane|thanjavur|the hague|thetford mines|thionville|thiruvananthapuram|thomastown|\
    thonon-les-bains|thoothukudi|thousand oaks|thrissur|thun|thunder bay|thurles|tiel|tielt|tienen|tijuana|\
    tilburg|timmins|tipperary|tirlemont|tiruchirappalli|tirunelveli|tirupati|tiruvottiyur|tivoli|tizayuca|\
    tlajomulco de zúñiga|tlalnepantla|tlalnepantla de baz|tlalpan|tlaquepaque|tlaxcala|toledo|toluca|\
    toluca de lerdo|tomaszów mazowiecki|tomelloso|tonalá|tondela|tongeren|tongres|topeka|torhout|torino|toronto|\
    torquay|torrance|torre del greco|torrejón de ardoz|torrelavega|torrent|torres novas|torres vedras|\
    torrevieja|torreón|torun|toruń|toulon|toulouse|tourcoing|tournai|traiskirchen|tralee|tramore|trani|trapani|\
    traun|trento|treviso|trichy|trier|trieste|trivandrum|trofa|trofaiach|trois-rivières|troisdorf|troyes|truro|\
    tuam|tubize|tucson|tulancingo|tullamore|tulln|tulln an der donau|tullow|tulsa|tultitlán|tulum|tumakuru|\
    tumkur|tunbridge wells|turin|turnhout|tuscaloosa|tuticorin|tuxpan|tuxtla gutiérrez|tychy|tübingen|uberaba|\
    uberlândia|uccle|udaipur|uden|udine|uithoorn|ujjain|ukkel|ulhasnagar|ulm|uluberia|umuarama|unna|urbino|\
    uruapan|uruguaiana|uster|utrecht|utrera|uzwil|vaals|vadodara|val-d'or|valdepeñas|valence|valencia|\
    valenciennes|valença|valkenburg|valkenswaard|valladolid|valle de chalco|valongo|valparaíso de goiás|\
    valència|vancouver|vannes|varanasi|varese|vasai-virar|vaudreuil-dorion|veendam|veenendaal|veghel|velbert|\
    veldhoven|velletri|vellore|velsen|vendas novas|venezia|venice|venlo|venray|veracruz|verbania|vernier|verona|\
    versailles|verviers|vevey|viana do castelo|viareggio|vibo valentia|vicenza|vichy|victoriaville|victorville|\
    vienna|vienne|viersen|vigevano|vigo|vijayapura|vijayawada|vila do conde|vila franca de xira|\
    vila nova de famalicão|vila nova de gaia|vila real|vila real de santo antónio|vila velha|vila-real|\
    viladecans|vilanova i la geltrú|villach|villahermosa|villarreal|ville de québec|villejuif|villena|\
    villeneuve-d'ascq|villeurbanne|villingen-schwenningen|vilvoorde|vinaròs|vincennes|virginia beach|\
    visakhapatnam|visalia|viseu|visp|visé|viterbo|vitoria-gasteiz|vitry-sur-seine|vitória da conquista|\
    vitória de santo antão|vizag|vizela|vizianagaram|vlaardingen|vlissingen|voitsberg|volendam|volketswil|\
    volta redonda|voorschoten|várzea grande|vélez-málaga|vénissieux|vöcklabruck|völkermarkt|waalwijk|waco|\
    waddinxveen|wageningen|waidhofen an der thaya|waidhofen an der ybbs|wallasey|wallisellen|wals-siezenheim|\
    walsall|warangal|waregem|waremme|warrington|warsaw|warszawa|wassenaar|waterbury|waterford|waterloo|\
    watermael-boitsfort|watford|wattrelos|waver|wavre|wałbrzych|wałcz|weert|weesp|weimar|weinfelden|weiz|\
    wejherowo|welland|wels|wesel|west bromwich|west covina|west jordan|west palm beach|west valley city|\
    west vancouver|westerlo|westland|westminster|weston-super-mare|westport|wetteren|wettingen|wetzikon|wetzlar|\
    wevelgem|wexford|whitby|white rock|whitehorse|wichita|wichita falls|wicklow|widnes|wien|wiener neustadt|\
    wiesbaden|wigan|wil|wilhelmshaven|willebroek|wilmington|winchester|windsor|winnipeg|winschoten|\
    winston-salem|winterswijk|winterthur|witten|wodzisław śląski|woerden|wohlen|woking|wolfsberg|wolfsburg|\
    wolfurt|wolkersdorf|woluwe-saint-lambert|wolverhampton|wood buffalo|woodstock|worb|worcester|worthing|\
    wołomin|wrexham|wroclaw|wrocław|wuppertal|wyszków|wädenswil|wörgl|würzburg|włocławek|xalapa|xochimilco|\
    xàbia|xàtiva|yamunanagar|ybbs an der donau|yellowknife|yeovil|yonkers|york|youghal|ypres|yverdon-les-bains|\
    zaanstad|zabrze|zacatecas|zakopane|zaltbommel|zambrów|zamość|zandvoort|zapopan|zaragoza|zaventem|zawiercie|\
    zeist|zele|zell am see|zermatt|zgierz|zgorzelec|zielona góra|zihuatanejo|zirl|zistersdorf|zitácuaro|\
    zoetermeer|zofingen|zollikon|zottegem|zug|zurich|zutphen|zwettl|zwickau|zwijndrecht|zwolle|zürich|ząbki|\
    águeda|écija|épinal|épinay-sur-seine|évora|évreux|évry|évry-courcouronnes|ílhavo|úbeda|łomża|łuków|łódź|\
    świdnica|świdnik|świebodzice|świecie|świnoujście|świętochłowice|żagań|żary|żory|żyrardów
    """.split(separator: "|").map(String.init))
}
