# imapi_swig(LANG OUTDIR WRAPPER [extra swig args...])
# Generates the LANG (csharp|java) layer from include/imapi_c.h through
# bindings/swig/imapi.i at build time: the C wrapper source WRAPPER and the
# language files in OUTDIR (emptied first, so a removed function leaves no stale file).
set(IMAPI_SWIG_DIR ${CMAKE_CURRENT_LIST_DIR})
function(imapi_swig lang outdir wrapper)
  add_custom_command(
    OUTPUT ${wrapper} ${outdir}.stamp
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${outdir}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${outdir}
    COMMAND ${SWIG_EXECUTABLE} -${lang} ${ARGN} -outdir ${outdir} -I${PROJECT_SOURCE_DIR}/include
            -I${IMAPI_SWIG_DIR} -o ${wrapper} ${IMAPI_SWIG_DIR}/imapi.i
    COMMAND ${CMAKE_COMMAND} -E touch ${outdir}.stamp
    DEPENDS ${IMAPI_SWIG_DIR}/imapi.i ${IMAPI_SWIG_DIR}/imapi_${lang}.i ${PROJECT_SOURCE_DIR}/include/imapi_c.h
    COMMENT "SWIG: generating the ${lang} layer from imapi_c.h"
    VERBATIM)
endfunction()
