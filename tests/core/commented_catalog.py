"""A catalog as clinic staff write it by hand: comments at the top, between techniques and after
values, folded and literal blocks, quoted and plain strings, blank lines. Saves must keep it."""

COMMENTED = """\
# Massage techniques for the Riverside Spine Clinic waiting room.
# Edited by hand and in the staff editor; reviewed by Dr. Okafor every spring.

schema_version: 1
languages: [en, es]   # English first: patients who pick nothing read English

# Shown on every screen. Keep these short.
red_flags:
  - sign:
      en: "New weakness in one or both legs"
      es: "Debilidad nueva en una o las dos piernas"
    urgency: emergency
  # Added after the 2025 audit.
  - sign:
      en: 'Fever with back pain'
      es: 'Fiebre con dolor de espalda'
    urgency: see-doctor

required_cautions: [blood-clots]

benefits:
  back-pain:
    label:
      en: "Back pain"
      es: "Dolor de espalda"
    # Patients type these into the search box.
    search_words:
      en: ["backache", "lumbago"]
      es: ["lumbalgia"]
  sleep:
    label: {en: Sleep, es: Sueño}
  anxiety:
    label:
      en: Anxiety
      es: Ansiedad
    description:
      en: >
        Feeling worried, tense
        or on edge.
      es: >
        Sentir preocupación, tensión
        o nervios.

conditions:
  blood-clots:
    label:
      en: "Blood clots"
      es: "Coágulos de sangre"
  herniated-disc:
    label:
      en: Herniated disc   # the common name, not "slipped disc"
      es: Hernia de disco

techniques:
  # --- Gentle techniques -------------------------------------------------

  # The one most people start with.
  - id: swedish
    name:
      en: "Swedish massage"
      es: "Masaje sueco"
    summary:
      en: "A gentle, full-body massage with long gliding strokes."
      es: "Un masaje suave de todo el cuerpo, con movimientos largos."
    description:
      en: |
        The therapist uses oil and long, smooth strokes.

        The aim is to help you relax.
      es: |
        El terapeuta usa aceite y movimientos largos y suaves.

        El objetivo es ayudarle a relajarse.
    pressure: [light, medium]
    session_minutes: [30, 90]
    benefits:
      - benefit: back-pain
        evidence: low
        note:
          en: "It may ease low back pain for a short time."
          es: "Puede aliviar el dolor de espalda baja por poco tiempo."
        sources:
          # The Cochrane review is the one to cite first.
          - "Furlan AD et al. Massage for low-back pain. Cochrane Database Syst Rev. 2015;(9):CD001929."
        reviewed: 2025-06-01
      - benefit: anxiety
        evidence: very-low
        note:
          en: It might help you feel less anxious, but we are very unsure.
          es: Podría ayudarle a sentir menos ansiedad, pero no estamos seguros.
    good_for: [herniated-disc]
    cautions:
      - condition: blood-clots
        level: ask-doctor
        note:
          en: "Ask your doctor first. Massage could move a clot."
          es: "Pregunte primero a su médico. El masaje podría mover un coágulo."
      - condition: herniated-disc
        level: adapt
        note:
          en: "Ask for gentle pressure near the sore area."
          es: "Pida presión suave cerca de la zona que le duele."
    after_session:
      en: "You may feel sleepy. Drink some water."
      es: "Puede sentir sueño. Beba un poco de agua."
    # TODO(maria): add a picture once we have one we may use.

  - id: myofascial
    name:
      en: Myofascial release
      es: Liberación miofascial
    summary:
      en: Slow, steady pressure on tight areas.
      es: Presión lenta y constante en las zonas tensas.
    description:
      en: >-
        The therapist holds a steady stretch on tight tissue
        for a minute or two, until it eases.
      es: >-
        El terapeuta mantiene un estiramiento constante sobre el tejido tenso
        durante uno o dos minutos, hasta que se afloja.
    pressure: medium
    session_minutes: 60
    benefits:
      - benefit: back-pain
        evidence: very-low
        reviewed: 2024-11-02
    cautions:
      - condition: blood-clots
        level: avoid
        note:
          en: "Do not have this massage if you have a blood clot."
          es: "No reciba este masaje si tiene un coágulo."
    after_session:
      en: 'You may feel a little sore for a day.'
      es: 'Puede sentir un poco de dolor durante un día.'

  # --- Firm techniques ---------------------------------------------------

  - id: deep-tissue   # sometimes called "deep muscle" massage
    name:
      en: "Deep tissue massage"
      es: "Masaje de tejido profundo"
    summary:
      en: "Firm, slow strokes that reach deeper muscles."
      es: "Movimientos firmes y lentos que llegan a los músculos profundos."
    description:
      en: |
        The therapist uses firm pressure and slow strokes.
        It can be uncomfortable at times; say so if it hurts.
      es: |
        El terapeuta usa presión firme y movimientos lentos.
        A veces puede ser incómodo; dígalo si le duele.
    pressure: [firm, deep]
    session_minutes: [60, 90]
    benefits:
      - benefit: back-pain
        evidence: low
        note:
          en: "It may ease back pain a little for a few weeks."
          es: "Puede aliviar un poco el dolor de espalda por unas semanas."
        sources:
          - "Majchrzycki M et al. Deep tissue massage and NSAIDs for low back pain. 2014;2014:287597."
        reviewed: 2025-01-15
    cautions:
      - condition: blood-clots
        level: avoid
        note:
          en: "Do not have this massage if you have a blood clot."
          es: "No reciba este masaje si tiene un coágulo."
    after_session:
      en: "You may feel sore for a day or two."
      es: "Puede sentir dolor durante uno o dos días."
    questions_to_ask:
      - en: "How will you know if the pressure is too much for me?"
        es: "¿Cómo sabrá si la presión es demasiado para mí?"

# End of catalog. New techniques go above this line.
"""
