<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AdviceFold</name>
    <message>
        <source>✕ Close</source>
        <translation>✕ Cerrar</translation>
    </message>
    <message>
        <source>ℹ Advice</source>
        <translation>ℹ Consejos</translation>
    </message>
    <message>
        <source>Shows the comparison again.</source>
        <translation>Vuelve a mostrar la comparación.</translation>
    </message>
    <message>
        <source>Shows the clinic&apos;s advice in place of the comparison.</source>
        <translation>Muestra los consejos de la clínica en lugar de la comparación.</translation>
    </message>
</context>
<context>
    <name>BrowseScreen</name>
    <message>
        <source>Clear filters</source>
        <translation>Borrar filtros</translation>
    </message>
    <message>
        <source>Show every technique again.</source>
        <translation>Mostrar otra vez todas las técnicas.</translation>
    </message>
    <message>
        <source>Techniques</source>
        <translation>Técnicas</translation>
    </message>
    <message>
        <source>Tap a card to read more. Tap Save to add it to your shortlist.</source>
        <translation>Toque una tarjeta para leer más. Toque Guardar para agregarla a su lista.</translation>
    </message>
    <message>
        <source>No techniques found</source>
        <translation>No se encontraron técnicas</translation>
    </message>
    <message>
        <source>1 technique</source>
        <translation>1 técnica</translation>
    </message>
    <message>
        <source>All {total} techniques</source>
        <translation>Las {total} técnicas</translation>
    </message>
    <message>
        <source>Showing 0 of 1 technique</source>
        <translation>Se muestran 0 de 1 técnica</translation>
    </message>
    <message>
        <source>Showing {shown} of {total} techniques</source>
        <translation>Se muestran {shown} de {total} técnicas</translation>
    </message>
    <message>
        <source>Techniques often chosen for {condition} come first.</source>
        <translation>Primero, las que se eligen a menudo para: {condition}.</translation>
    </message>
    <message>
        <source>{level} pressure</source>
        <translation>presión {level}</translation>
    </message>
    <message>
        <source>Your choices: {choices}</source>
        <translation>Lo que eligió: {choices}</translation>
    </message>
    <message>
        <source>There are no techniques in the catalog yet.</source>
        <translation>Todavía no hay técnicas en el catálogo.</translation>
    </message>
    <message>
        <source>No technique matches this filter.</source>
        <translation>Ninguna técnica coincide con este filtro.</translation>
    </message>
    <message>
        <source>No technique matches all {n} filters.</source>
        <translation>Ninguna técnica coincide con los {n} filtros a la vez.</translation>
    </message>
    <message>
        <source>Try removing {what}.</source>
        <translation>Intente quitar {what}.</translation>
    </message>
    <message>
        <source>Try removing some of your choices.</source>
        <translation>Intente quitar algunas de sus opciones.</translation>
    </message>
    <message>
        <source>Or tap &apos;Clear filters&apos; to see every technique.</source>
        <translation>O toque &apos;Borrar filtros&apos; para ver todas las técnicas.</translation>
    </message>
</context>
<context>
    <name>CardDelegate</name>
    <message>
        <source>✕ Remove</source>
        <translation>✕ Quitar</translation>
    </message>
    <message>
        <source>★ Saved</source>
        <translation>★ Guardada</translation>
    </message>
    <message>
        <source>☆ Save</source>
        <translation>☆ Guardar</translation>
    </message>
    <message>
        <source>Tap for details ›</source>
        <translation>Toque para ver más ›</translation>
    </message>
    <message>
        <source>Pressure: {p}</source>
        <translation>Presión: {p}</translation>
    </message>
    <message>
        <source>Session: {m}</source>
        <translation>Sesión: {m}</translation>
    </message>
    <message>
        <source>Reported to help with:</source>
        <translation>Se dice que ayuda con:</translation>
    </message>
</context>
<context>
    <name>ColumnHeader</name>
    <message>
        <source>Read more</source>
        <translation>Leer más</translation>
    </message>
    <message>
        <source>Read more about {name}</source>
        <translation>Leer más sobre {name}</translation>
    </message>
    <message>
        <source>Opens everything about this technique.</source>
        <translation>Abre toda la información sobre esta técnica.</translation>
    </message>
    <message>
        <source>✕ Remove</source>
        <translation>✕ Quitar</translation>
    </message>
    <message>
        <source>Remove {name} from the comparison</source>
        <translation>Quitar {name} de la comparación</translation>
    </message>
    <message>
        <source>Takes this column out of the comparison.</source>
        <translation>Saca esta columna de la comparación.</translation>
    </message>
    <message>
        <source>✕</source>
        <translation>✕</translation>
    </message>
    <message>
        <source>★ Saved</source>
        <translation>★ Guardada</translation>
    </message>
    <message>
        <source>☆ Save</source>
        <translation>☆ Guardar</translation>
    </message>
    <message>
        <source>Saved: {name}</source>
        <translation>Guardada: {name}</translation>
    </message>
    <message>
        <source>On your list. Tap to take it off your list.</source>
        <translation>Está en su lista. Toque para quitarla de su lista.</translation>
    </message>
    <message>
        <source>Save {name}</source>
        <translation>Guardar {name}</translation>
    </message>
    <message>
        <source>Keeps this technique on your list to show the therapist.</source>
        <translation>Guarda esta técnica en su lista para mostrársela al terapeuta.</translation>
    </message>
</context>
<context>
    <name>CompareModel</name>
    <message>
        <source>Not described</source>
        <translation>Sin descripción</translation>
    </message>
    <message>
        <source>What is it?</source>
        <translation>¿Qué es?</translation>
    </message>
    <message>
        <source>How does it feel?</source>
        <translation>¿Cómo se siente?</translation>
    </message>
    <message>
        <source>How firm?</source>
        <translation>¿Qué tan firme?</translation>
    </message>
    <message>
        <source>How long?</source>
        <translation>¿Cuánto dura?</translation>
    </message>
    <message>
        <source>What happens after?</source>
        <translation>¿Qué pasa después?</translation>
    </message>
    <message>
        <source>What should I ask?</source>
        <translation>¿Qué debo preguntar?</translation>
    </message>
    <message>
        <source>None reported</source>
        <translation>No se informa ninguno</translation>
    </message>
    <message>
        <source>What may it help, and how sure are we?</source>
        <translation>¿Con qué puede ayudar y qué tan seguros estamos?</translation>
    </message>
    <message>
        <source>{benefit}: may it help?</source>
        <translation>{benefit}: ¿puede ayudar?</translation>
    </message>
    <message>
        <source>{condition} · {level}
{note}</source>
        <translation>{condition} · {level}
{note}</translation>
    </message>
    <message>
        <source>No cautions listed</source>
        <translation>No se indican precauciones</translation>
    </message>
    <message>
        <source>Who should be careful?</source>
        <translation>¿Quién debe tener cuidado?</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare techniques</source>
        <translation>Comparar técnicas</translation>
    </message>
    <message>
        <source>+ Add a technique</source>
        <translation>+ Agregar una técnica</translation>
    </message>
    <message>
        <source>Add a technique</source>
        <translation>Agregar una técnica</translation>
    </message>
    <message>
        <source>Choose one more technique to compare.</source>
        <translation>Elija una técnica más para comparar.</translation>
    </message>
    <message>
        <source>Up to {n} at once: remove one to add another.</source>
        <translation>Hasta {n} a la vez: quite una para agregar otra.</translation>
    </message>
    <message>
        <source>Show only differences</source>
        <translation>Mostrar solo las diferencias</translation>
    </message>
    <message>
        <source>Hides the rows where every technique gives the same answer. Cautions always stay.</source>
        <translation>Oculta las filas donde todas las técnicas dan la misma respuesta. Las precauciones siempre se muestran.</translation>
    </message>
    <message>
        <source>Comparison table</source>
        <translation>Tabla de comparación</translation>
    </message>
    <message>
        <source>Each row is a question, each column a technique. Enter opens a technique.</source>
        <translation>Cada fila es una pregunta y cada columna es una técnica. La tecla Enter abre una técnica.</translation>
    </message>
    <message>
        <source>Pick one more technique to compare</source>
        <translation>Elija una técnica más para comparar</translation>
    </message>
    <message>
        <source>Pick two techniques to compare</source>
        <translation>Elija dos técnicas para comparar</translation>
    </message>
    <message>
        <source>You picked: {name}</source>
        <translation>Usted eligió: {name}</translation>
    </message>
    <message>
        <source>☑ Show only differences</source>
        <translation>☑ Solo diferencias</translation>
    </message>
    <message>
        <source>☐ Show only differences</source>
        <translation>☐ Solo diferencias</translation>
    </message>
    <message>
        <source>1 row is the same for all and is hidden.</source>
        <translation>1 fila es igual en todas y está oculta.</translation>
    </message>
    <message numerus="yes">
        <source>%n rows are the same for all and are hidden.</source>
        <translation>
            <numerusform>%n fila es igual en todas y está oculta.</numerusform>
            <numerusform>%n filas son iguales en todas y están ocultas.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConfirmStartOver</name>
    <message>
        <source>Start over?</source>
        <translation>¿Empezar de nuevo?</translation>
    </message>
    <message>
        <source>Your shortlist and choices will be cleared.</source>
        <translation>Se borrarán su lista y sus opciones.</translation>
    </message>
    <message>
        <source>Yes, start over</source>
        <translation>Sí, empezar de nuevo</translation>
    </message>
    <message>
        <source>Clear everything and go back to the start.</source>
        <translation>Borrar todo y volver al inicio.</translation>
    </message>
    <message>
        <source>No, keep my list</source>
        <translation>No, conservar mi lista</translation>
    </message>
    <message>
        <source>Go back to where you were.</source>
        <translation>Volver a donde estaba.</translation>
    </message>
</context>
<context>
    <name>CountdownOverlay</name>
    <message>
        <source>Are you still there?</source>
        <translation>¿Sigue ahí?</translation>
    </message>
    <message>
        <source>To keep your choices private, this screen will start over for the next person.</source>
        <translation>Para que sus opciones sean privadas, esta pantalla empezará de nuevo para la próxima persona.</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>Sigo aquí</translation>
    </message>
    <message>
        <source>Keep going where you were.</source>
        <translation>Seguir donde estaba.</translation>
    </message>
    <message>
        <source>Starting over in 1 second</source>
        <translation>Empezará de nuevo en 1 segundo</translation>
    </message>
    <message>
        <source>Starting over in {n} seconds</source>
        <translation>Empezará de nuevo en {n} segundos</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <source>Shows the techniques you picked side by side.</source>
        <translation>Muestra lado a lado las técnicas que eligió.</translation>
    </message>
    <message>
        <source>This technique is no longer in the list.</source>
        <translation>Esta técnica ya no está en la lista.</translation>
    </message>
    <message>
        <source>About this technique</source>
        <translation>Sobre esta técnica</translation>
    </message>
    <message>
        <source>About {name}</source>
        <translation>Sobre {name}</translation>
    </message>
    <message>
        <source>★ Saved</source>
        <translation>★ Guardada</translation>
    </message>
    <message>
        <source>☆ Save to my list</source>
        <translation>☆ Guardar en mi lista</translation>
    </message>
    <message>
        <source>Saved to my list</source>
        <translation>Guardada en mi lista</translation>
    </message>
    <message>
        <source>Save to my list</source>
        <translation>Guardar en mi lista</translation>
    </message>
    <message>
        <source>Tap to take it off your list.</source>
        <translation>Toque para quitarla de su lista.</translation>
    </message>
    <message>
        <source>Keeps this technique on your list to show the therapist.</source>
        <translation>Guarda esta técnica en su lista para mostrársela al terapeuta.</translation>
    </message>
    <message>
        <source>✓ In the comparison</source>
        <translation>✓ En la comparación</translation>
    </message>
    <message>
        <source>Already being compared.</source>
        <translation>Ya se está comparando.</translation>
    </message>
    <message>
        <source>⇄ Add to compare</source>
        <translation>⇄ Agregar para comparar</translation>
    </message>
    <message>
        <source>Puts this technique side by side with others.</source>
        <translation>Pone esta técnica lado a lado con otras.</translation>
    </message>
    <message>
        <source>You are already comparing {n} techniques. Remove one to add this one.</source>
        <translation>Ya está comparando {n} técnicas. Quite una para agregar esta.</translation>
    </message>
    <message>
        <source>See comparison ({n})</source>
        <translation>Ver comparación ({n})</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>Qué es</translation>
    </message>
    <message>
        <source>What it feels like</source>
        <translation>Cómo se siente</translation>
    </message>
    <message>
        <source>Pressure: {p}</source>
        <translation>Presión: {p}</translation>
    </message>
    <message>
        <source>How firm</source>
        <translation>Qué tan firme</translation>
    </message>
    <message>
        <source>How long</source>
        <translation>Cuánto dura</translation>
    </message>
    <message>
        <source>What it may help with</source>
        <translation>En qué le puede ayudar</translation>
    </message>
    <message>
        <source>No specific cautions are listed for this technique. Still check with your doctor first.</source>
        <translation>No se indican precauciones específicas para esta técnica. Aun así, consulte primero con su médico.</translation>
    </message>
    <message>
        <source>Who should be careful</source>
        <translation>Quién debe tener cuidado</translation>
    </message>
    <message>
        <source>What to expect after</source>
        <translation>Qué esperar después</translation>
    </message>
    <message>
        <source>Questions to ask your therapist</source>
        <translation>Preguntas para hacerle a su terapeuta</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <source>Picture: {name}</source>
        <translation>Imagen: {name}</translation>
    </message>
    <message>
        <source>Sources: at the end of this page</source>
        <translation>Fuentes: al final de esta página</translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <comment>QDate format of a review date</comment>
        <translation>d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>⚠ May be out of date: the evidence was last checked on {date}.</source>
        <translation>⚠ Puede no estar al día: la evidencia se revisó por última vez el {date}.</translation>
    </message>
    <message>
        <source>Evidence last checked on {date}.</source>
        <translation>La evidencia se revisó por última vez el {date}.</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <source>Filters</source>
        <translation>Filtros</translation>
    </message>
    <message>
        <source>Search by name or word</source>
        <translation>Buscar por nombre o palabra</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Type a word to find techniques by name, description or benefit.</source>
        <translation>Escriba una palabra para buscar técnicas por nombre, descripción o beneficio.</translation>
    </message>
    <message>
        <source>My condition</source>
        <translation>Mi condición de salud</translation>
    </message>
    <message>
        <source>Choose one. Tap it again to clear it.</source>
        <translation>Elija una. Tóquela otra vez para quitarla.</translation>
    </message>
    <message>
        <source>What matters to me</source>
        <translation>Lo que me importa</translation>
    </message>
    <message>
        <source>Choose any. Techniques reported to help with at least one of them are shown.</source>
        <translation>Elija las que quiera. Se muestran las técnicas que, según se informa, ayudan con al menos una.</translation>
    </message>
    <message>
        <source>Pressure I prefer</source>
        <translation>La presión que prefiero</translation>
    </message>
    <message>
        <source>Choose any. Techniques that can use at least one of them are shown.</source>
        <translation>Elija las que quiera. Se muestran las técnicas que pueden usar al menos una.</translation>
    </message>
    <message>
        <source>Techniques often chosen for it come first, and its cautions are marked.</source>
        <translation>Primero aparecen las técnicas que se eligen a menudo para esa condición, y se marcan sus precauciones.</translation>
    </message>
    <message>
        <source>Show techniques that can use {p} pressure</source>
        <translation>Mostrar las técnicas que pueden usar esta presión: {p}</translation>
    </message>
</context>
<context>
    <name>GuidancePanel</name>
    <message>
        <source>Advice from the clinic</source>
        <translation>Consejos de la clínica</translation>
    </message>
    <message>
        <source>Read this before you choose a massage.</source>
        <translation>Lea esto antes de elegir un masaje.</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Massage Explorer</source>
        <translation>Massage Explorer</translation>
    </message>
    <message>
        <source>This kiosk shows the catalog that comes with the app. To edit one, copy it with its resources folder (the pictures), set &apos;catalog&apos; in the kiosk settings to the copy, and restart the kiosk.</source>
        <translation>Este quiosco muestra el catálogo que viene con la aplicación. Para editar uno, cópielo junto con su carpeta resources (las imágenes), ponga la copia en &apos;catalog&apos; en la configuración del quiosco y reinicie el quiosco.</translation>
    </message>
    <message>
        <source>Opening the catalog…</source>
        <translation>Abriendo el catálogo…</translation>
    </message>
    <message>
        <source>The editor cannot open the catalog file:</source>
        <translation>El editor no puede abrir el archivo del catálogo:</translation>
    </message>
    <message>
        <source>The catalog file was changed but has errors, so the kiosk still shows the last good version. Fix these and save again:</source>
        <translation>El archivo del catálogo cambió pero tiene errores, así que el quiosco sigue mostrando la última versión correcta. Corrija estos errores y guarde otra vez:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Massage Explorer</source>
        <translation>Massage Explorer</translation>
    </message>
</context>
<context>
    <name>OutOfServicePage</name>
    <message>
        <source>Sorry, this screen is not available right now.</source>
        <translation>Lo sentimos, esta pantalla no está disponible en este momento.</translation>
    </message>
    <message>
        <source>Please ask at the front desk. We are happy to help.</source>
        <translation>Pregunte en la recepción, por favor. Con gusto le ayudamos.</translation>
    </message>
    <message>
        <source>Massage Explorer</source>
        <translation>Massage Explorer</translation>
    </message>
    <message>
        <source>For staff:</source>
        <translation>Para el personal:</translation>
    </message>
    <message>
        <source>(+{n} more in the log)</source>
        <translation>(+{n} más en el registro)</translation>
    </message>
    <message>
        <source>The kiosk checks again every {n} seconds and starts by itself once this is fixed.</source>
        <translation>El quiosco vuelve a revisar cada {n} segundos y se inicia solo cuando esto se corrija.</translation>
    </message>
</context>
<context>
    <name>PickerPage</name>
    <message>
        <source>Choose a technique to add</source>
        <translation>Elija una técnica para agregar</translation>
    </message>
    <message>
        <source>There are no more techniques to add.</source>
        <translation>No hay más técnicas para agregar.</translation>
    </message>
    <message>
        <source>Techniques you can add</source>
        <translation>Técnicas que puede agregar</translation>
    </message>
    <message>
        <source>Tap a technique to add it to the comparison.</source>
        <translation>Toque una técnica para agregarla a la comparación.</translation>
    </message>
    <message>
        <source>← Back to the comparison</source>
        <translation>← Volver a la comparación</translation>
    </message>
    <message>
        <source>Back to the comparison</source>
        <translation>Volver a la comparación</translation>
    </message>
    <message>
        <source>Closes this list without adding.</source>
        <translation>Cierra esta lista sin agregar nada.</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Staff only: enter the PIN</source>
        <translation>Solo para el personal: escriba el PIN</translation>
    </message>
    <message>
        <source>PIN entered so far</source>
        <translation>PIN escrito hasta ahora</translation>
    </message>
    <message>
        <source>⚠ The catalog file has a problem. Enter the PIN to see it.</source>
        <translation>⚠ El archivo del catálogo tiene un problema. Escriba el PIN para verlo.</translation>
    </message>
    <message>
        <source>⌫ Erase</source>
        <translation>⌫ Borrar</translation>
    </message>
    <message>
        <source>Erase the last digit</source>
        <translation>Borrar el último dígito</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Check the PIN</source>
        <translation>Comprobar el PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Close the PIN pad</source>
        <translation>Cerrar el teclado del PIN</translation>
    </message>
    <message>
        <source>Digit {d}</source>
        <translation>Dígito {d}</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Catalog problems</source>
        <translation>Problemas del catálogo</translation>
    </message>
    <message>
        <source>Quit the kiosk</source>
        <translation>Salir del quiosco</translation>
    </message>
    <message>
        <source>Close Massage Explorer.</source>
        <translation>Cerrar Massage Explorer.</translation>
    </message>
    <message>
        <source>Edit the catalog</source>
        <translation>Editar el catálogo</translation>
    </message>
    <message>
        <source>Open the staff editor on this kiosk&apos;s catalog.</source>
        <translation>Abrir el editor del personal con el catálogo de este quiosco.</translation>
    </message>
    <message>
        <source>Back to the kiosk</source>
        <translation>Volver al quiosco</translation>
    </message>
    <message>
        <source>The catalog loaded without problems.</source>
        <translation>El catálogo se cargó sin problemas.</translation>
    </message>
    <message>
        <source>No staff PIN is set, so this pad cannot unlock. On this computer, run &apos;massage-explorer set-pin&apos; in a terminal to set one.</source>
        <translation>No hay un PIN del personal, así que este teclado no puede desbloquear. En esta computadora, ejecute &apos;massage-explorer set-pin&apos; en una terminal para crear uno.</translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation>Comprobando el PIN…</translation>
    </message>
    <message>
        <source>Too many wrong tries. Try again in 1 second.</source>
        <translation>Demasiados intentos incorrectos. Intente otra vez en 1 segundo.</translation>
    </message>
    <message>
        <source>Too many wrong tries. Try again in {n} seconds.</source>
        <translation>Demasiados intentos incorrectos. Intente otra vez en {n} segundos.</translation>
    </message>
    <message>
        <source>That PIN is not right. 1 try left.</source>
        <translation>Ese PIN no es correcto. Le queda 1 intento.</translation>
    </message>
    <message>
        <source>That PIN is not right. {n} tries left.</source>
        <translation>Ese PIN no es correcto. Le quedan {n} intentos.</translation>
    </message>
</context>
<context>
    <name>ReadingArea</name>
    <message>
        <source>Scroll with the arrow keys, Page Up and Page Down.</source>
        <translation>Desplácese con las flechas, Re Pág y Av Pág.</translation>
    </message>
</context>
<context>
    <name>RedFlagsButton</name>
    <message>
        <source>Opens the list of signs that mean: stop and get help now.</source>
        <translation>Abre la lista de señales que significan: pare y busque ayuda ahora.</translation>
    </message>
</context>
<context>
    <name>RedFlagsPanel</name>
    <message>
        <source>Every warning sign</source>
        <translation>Todas las señales de alarma</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the warning signs and go back.</source>
        <translation>Cerrar las señales de alarma y volver.</translation>
    </message>
</context>
<context>
    <name>ShortlistScreen</name>
    <message>
        <source>← All techniques</source>
        <translation>← Todas las técnicas</translation>
    </message>
    <message>
        <source>Go back to the list of techniques.</source>
        <translation>Volver a la lista de técnicas.</translation>
    </message>
    <message>
        <source>Compare these</source>
        <translation>Comparar estas</translation>
    </message>
    <message>
        <source>Show the saved techniques side by side.</source>
        <translation>Mostrar lado a lado las técnicas guardadas.</translation>
    </message>
    <message>
        <source>My shortlist</source>
        <translation>Mi lista</translation>
    </message>
    <message>
        <source>Tap a card to read more. Tap Remove to take it off your shortlist.</source>
        <translation>Toque una tarjeta para leer más. Toque Quitar para sacarla de su lista.</translation>
    </message>
    <message>
        <source>Tap ☆ Save on a technique to add it here.</source>
        <translation>Toque ☆ Guardar en una técnica para agregarla aquí.</translation>
    </message>
    <message>
        <source>Your shortlist is empty</source>
        <translation>Su lista está vacía</translation>
    </message>
    <message>
        <source>Take this list with you</source>
        <translation>Llévese esta lista</translation>
    </message>
    <message>
        <source>Show a QR code for your phone, or print or save your list.</source>
        <translation>Mostrar un código QR para su teléfono, o imprimir o guardar su lista.</translation>
    </message>
    <message numerus="yes">
        <source>My shortlist (%n)</source>
        <translation>
            <numerusform>Mi lista (%n)</numerusform>
            <numerusform>Mi lista (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Pick one more to compare</source>
        <translation>Elija una más para comparar</translation>
    </message>
    <message>
        <source>Compare the first {m}</source>
        <translation>Comparar las primeras {m}</translation>
    </message>
    <message>
        <source>Up to {m} fit side by side: the first {m} you saved are compared.</source>
        <translation>Caben hasta {m} lado a lado: se comparan las primeras {m} que guardó.</translation>
    </message>
    <message>
        <source>← Back to my list</source>
        <translation>← Volver a mi lista</translation>
    </message>
    <message>
        <source>Go back to your shortlist.</source>
        <translation>Volver a su lista.</translation>
    </message>
</context>
<context>
    <name>TakeawayPage</name>
    <message>
        <source>Your list to take with you</source>
        <translation>Su lista para llevar</translation>
    </message>
</context>
<context>
    <name>TakeawayPanel</name>
    <message>
        <source>Take your list with you</source>
        <translation>Llévese su lista</translation>
    </message>
    <message>
        <source>QR code of your list</source>
        <translation>Código QR de su lista</translation>
    </message>
    <message>
        <source>Point your phone&apos;s camera at it. It holds your list as plain text, with no web link.</source>
        <translation>Apunte la cámara de su teléfono hacia el código. Contiene su lista como texto simple, sin enlace web.</translation>
    </message>
    <message>
        <source>Point your phone&apos;s camera at the code to keep this list. No internet needed.</source>
        <translation>Apunte la cámara de su teléfono hacia el código para guardar esta lista. No necesita internet.</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Print your list with the clinic&apos;s advice.</source>
        <translation>Imprimir su lista con los consejos de la clínica.</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Guardar PDF</translation>
    </message>
    <message>
        <source>Save your list as a PDF file.</source>
        <translation>Guardar su lista como archivo PDF.</translation>
    </message>
    <message>
        <source>Take-away message</source>
        <translation>Mensaje sobre su lista</translation>
    </message>
    <message>
        <source>Your list was sent to the printer.</source>
        <translation>Su lista se envió a la impresora.</translation>
    </message>
    <message>
        <source>Saving is not available right now. Please ask at the front desk.</source>
        <translation>Ahora no se puede guardar. Por favor, pregunte en la recepción.</translation>
    </message>
    <message>
        <source>Save your list</source>
        <translation>Guardar su lista</translation>
    </message>
    <message>
        <source>Saving did not work. Please ask at the front desk.</source>
        <translation>No se pudo guardar. Por favor, pregunte en la recepción.</translation>
    </message>
    <message>
        <source>Saved for the front desk. Ask there for list {code}.</source>
        <translation>Se guardó para la recepción. Pida allí la lista {code}.</translation>
    </message>
    <message>
        <source>Saved as {name}.</source>
        <translation>Se guardó como {name}.</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Massage Explorer</source>
        <translation>Massage Explorer</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Alto contraste</translation>
    </message>
    <message>
        <source>Switch to white and yellow text on black.</source>
        <translation>Cambiar a texto blanco y amarillo sobre fondo negro.</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Empezar de nuevo</translation>
    </message>
    <message>
        <source>Forget your choices and begin again from the start.</source>
        <translation>Borrar sus opciones y volver a empezar desde el inicio.</translation>
    </message>
    <message>
        <source>Show the techniques side by side.</source>
        <translation>Mostrar las técnicas lado a lado.</translation>
    </message>
    <message>
        <source>See the techniques you saved.</source>
        <translation>Ver las técnicas que guardó.</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <source>Make all text this size.</source>
        <translation>Poner todo el texto de este tamaño.</translation>
    </message>
    <message>
        <source>Text size {n} of {m}</source>
        <translation>Tamaño del texto {n} de {m}</translation>
    </message>
    <message>
        <source>Shortlist ({n})</source>
        <translation>Mi lista ({n})</translation>
    </message>
    <message numerus="yes">
        <source>Shortlist, %n saved</source>
        <translation>
            <numerusform>Mi lista, %n guardada</numerusform>
            <numerusform>Mi lista, %n guardadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Compare ({n})</source>
        <translation>Comparar ({n})</translation>
    </message>
    <message numerus="yes">
        <source>Compare, %n chosen</source>
        <translation>
            <numerusform>Comparar, %n elegida</numerusform>
            <numerusform>Comparar, %n elegidas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>Welcome. Touch anywhere to start.</source>
        <translation>Le damos la bienvenida. Toque en cualquier parte para empezar.</translation>
    </message>
    <message>
        <source>Find a massage that may suit your back</source>
        <translation>Encuentre un masaje que pueda ser bueno para su espalda</translation>
    </message>
    <message>
        <source>One of the techniques you can explore:</source>
        <translation>Una de las técnicas que puede explorar:</translation>
    </message>
    <message>
        <source>Touch to start</source>
        <translation>Toque para empezar</translation>
    </message>
    <message>
        <source>Start browsing massage techniques.</source>
        <translation>Empezar a ver las técnicas de masaje.</translation>
    </message>
</context>
<context>
    <name>back</name>
    <message>
        <source>← Back</source>
        <translation>← Volver</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <source>Go back to the previous screen.</source>
        <translation>Volver a la pantalla anterior.</translation>
    </message>
</context>
<context>
    <name>compare</name>
    <message>
        <source>Questions</source>
        <translation>Preguntas</translation>
    </message>
    <message>
        <source>Techniques compared</source>
        <translation>Técnicas comparadas</translation>
    </message>
    <message>
        <source>Questions and techniques</source>
        <translation>Preguntas y técnicas</translation>
    </message>
    <message>
        <source>Not a control.</source>
        <translation>No es un control.</translation>
    </message>
</context>
<context>
    <name>models</name>
    <message>
        <source>+{n} more in the details</source>
        <translation>+{n} más en los detalles</translation>
    </message>
    <message>
        <source>Pressure: {p}</source>
        <translation>Presión: {p}</translation>
    </message>
    <message>
        <source>Session: {m}</source>
        <translation>Sesión: {m}</translation>
    </message>
    <message>
        <source>Saved to shortlist</source>
        <translation>Guardada en su lista</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>No guardada</translation>
    </message>
    <message>
        <source>Caution for {condition}: {level}</source>
        <translation>Precaución: {condition} · {level}</translation>
    </message>
    <message>
        <source>Often chosen for {condition}</source>
        <translation>Se elige a menudo para: {condition}</translation>
    </message>
</context>
<context>
    <name>present</name>
    <message>
        <source>High evidence</source>
        <translation>Evidencia alta</translation>
    </message>
    <message>
        <source>Moderate evidence</source>
        <translation>Evidencia moderada</translation>
    </message>
    <message>
        <source>Low evidence</source>
        <translation>Evidencia baja</translation>
    </message>
    <message>
        <source>Very low evidence</source>
        <translation>Evidencia muy baja</translation>
    </message>
    <message>
        <source>Not studied</source>
        <translation>No estudiado</translation>
    </message>
    <message>
        <source>helps</source>
        <translation>ayuda</translation>
    </message>
    <message>
        <source>probably helps</source>
        <translation>probablemente ayuda</translation>
    </message>
    <message>
        <source>may help</source>
        <translation>es posible que ayude</translation>
    </message>
    <message>
        <source>might help, but we are very unsure</source>
        <translation>podría ayudar, pero no estamos nada seguros</translation>
    </message>
    <message>
        <source>reported by patients, not studied</source>
        <translation>lo dicen algunos pacientes, no se ha estudiado</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Ligera</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>Firm</source>
        <translation>Firme</translation>
    </message>
    <message>
        <source>Deep</source>
        <translation>Profunda</translation>
    </message>
    <message>
        <source>Check with your doctor first.</source>
        <translation>Consulte primero con su médico.</translation>
    </message>
    <message>
        <source>Choose a therapist who specialises in your cause of back pain. Non-specific low back pain and a herniated disc are treated differently.</source>
        <translation>Elija un terapeuta que se especialice en la causa de su dolor de espalda. El dolor en la parte baja de la espalda sin una causa clara y la hernia de disco se tratan de forma diferente.</translation>
    </message>
    <message>
        <source>Some discomfort after the first sessions can be normal.</source>
        <translation>Puede ser normal sentir algo de molestia después de las primeras sesiones.</translation>
    </message>
    <message>
        <source>Tell your therapist if the pressure is too much.</source>
        <translation>Dígale a su terapeuta si la presión es demasiado fuerte.</translation>
    </message>
    <message>
        <source>{grade} — {hedge}</source>
        <translation>{grade} — {hedge}</translation>
    </message>
    <message>
        <source>{low} to {high}</source>
        <translation>{low} a {high}</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} minutos</translation>
    </message>
    <message>
        <source>{low} to {high} minutes</source>
        <translation>{low} a {high} minutos</translation>
    </message>
    <message>
        <source>{mark} Applies to you</source>
        <translation>{mark} Se aplica a usted</translation>
    </message>
    <message>
        <source>— not listed for this one</source>
        <translation>— no figura para esta</translation>
    </message>
    <message>
        <source>Avoid</source>
        <translation>Evitar</translation>
    </message>
    <message>
        <source>Ask your doctor first</source>
        <translation>Consulte primero a su médico</translation>
    </message>
    <message>
        <source>Tell your therapist</source>
        <translation>Dígaselo a su terapeuta</translation>
    </message>
    <message>
        <source>Avoid: do not book this massage</source>
        <translation>Evitar: no haga una cita para este masaje</translation>
    </message>
    <message>
        <source>Ask your doctor first: only if they say it is OK</source>
        <translation>Consulte primero a su médico: solo si le dice que está bien</translation>
    </message>
    <message>
        <source>Tell your therapist: it can be adjusted</source>
        <translation>Dígaselo a su terapeuta: se puede adaptar</translation>
    </message>
    <message>
        <source>Cautions for {n} conditions · most serious: {level}</source>
        <translation>Precauciones para {n} condiciones de salud · la más seria: {level}</translation>
    </message>
    <message>
        <source>A caution for 1 condition: {level}</source>
        <translation>Una precaución para 1 condición de salud: {level}</translation>
    </message>
    <message>
        <source>{symbol} Avoid with {condition}: listed last</source>
        <translation>{symbol} Evitar con {condition}: aparece al final</translation>
    </message>
    <message>
        <source>Get emergency care now if you have:</source>
        <translation>Busque atención de emergencia ahora si tiene:</translation>
    </message>
    <message>
        <source>See a doctor before any massage if you have:</source>
        <translation>Vea a un médico antes de cualquier masaje si tiene:</translation>
    </message>
    <message>
        <source>Warning signs: when to stop and get help</source>
        <translation>Señales de alarma: cuándo parar y buscar ayuda</translation>
    </message>
    <message>
        <source>Newest source: {year}</source>
        <translation>Fuente más reciente: {year}</translation>
    </message>
</context>
<context>
    <name>takeaway</name>
    <message>
        <source>Pressure</source>
        <translation>Presión</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>What it may help with</source>
        <translation>En qué le puede ayudar</translation>
    </message>
    <message>
        <source>Take care in these cases</source>
        <translation>Tenga cuidado en estos casos</translation>
    </message>
    <message>
        <source>If one of these is you, check with your doctor first and tell your therapist before you start. Stop the session if pain, numbness or weakness gets worse. Get help right away if a leg gets weak or you cannot control your bladder or bowels. Your therapist or the front desk can tell you more about each one.</source>
        <translation>Si alguno de estos casos es el suyo, consulte primero con su médico y dígaselo a su terapeuta antes de empezar. Detenga la sesión si el dolor, el adormecimiento o la debilidad empeoran. Busque ayuda de inmediato si se le debilita una pierna o si no puede controlar la orina o las heces. Su terapeuta o la recepción le pueden explicar más sobre cada uno.</translation>
    </message>
    <message>
        <source>Questions to ask your therapist</source>
        <translation>Preguntas para hacerle a su terapeuta</translation>
    </message>
    <message>
        <source>From the clinic</source>
        <translation>De la clínica</translation>
    </message>
    <message>
        <source>Scan to keep this list on your phone.</source>
        <translation>Escanee para guardar esta lista en su teléfono.</translation>
    </message>
    <message>
        <source>Scan to keep a shorter version of this list on your phone.</source>
        <translation>Escanee para guardar una versión más corta de esta lista en su teléfono.</translation>
    </message>
    <message>
        <source>More techniques are on the printout.</source>
        <translation>Hay más técnicas en la hoja impresa.</translation>
    </message>
    <message>
        <source>More techniques: ask at the front desk for the full list.</source>
        <translation>Más técnicas: pida la lista completa en la recepción.</translation>
    </message>
    <message>
        <source>Check with your doctor first.</source>
        <translation>Consulte primero con su médico.</translation>
    </message>
    <message>
        <source>Choose a therapist for your cause of back pain: a herniated disc is treated differently.</source>
        <translation>Elija un terapeuta para la causa de su dolor de espalda: la hernia de disco se trata de forma diferente.</translation>
    </message>
    <message>
        <source>Some discomfort after the first sessions can be normal.</source>
        <translation>Puede ser normal sentir algo de molestia después de las primeras sesiones.</translation>
    </message>
    <message>
        <source>Say if the pressure is too much.</source>
        <translation>Avise si la presión es demasiado fuerte.</translation>
    </message>
    <message>
        <source>{benefit}: {grade} — {hedge}</source>
        <translation>{benefit}: {grade} — {hedge}</translation>
    </message>
    <message>
        <source>My massage shortlist</source>
        <translation>Mi lista de masajes</translation>
    </message>
    <message>
        <source>General information, not medical advice.</source>
        <translation>Información general, no es consejo médico.</translation>
    </message>
    <message>
        <source>Some details are left out of the code; the printout has more.</source>
        <translation>Algunos detalles no están en el código; la hoja impresa tiene más.</translation>
    </message>
    <message>
        <source>Some details are left out of the code. Ask at the front desk for the full list.</source>
        <translation>Algunos detalles no están en el código. Pida la lista completa en la recepción.</translation>
    </message>
    <message>
        <source>Printing is not available right now. Please ask at the front desk.</source>
        <translation>Ahora no se puede imprimir. Por favor, pregunte en la recepción.</translation>
    </message>
    <message>
        <source>Your list is being printed.</source>
        <translation>Su lista se está imprimiendo.</translation>
    </message>
</context>
</TS>
